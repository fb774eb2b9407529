"""python manage.py load_demo: fill an empty site with the demo content (safe to repeat)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from comments.models import Comment
from communities import demo as communities_demo
from network import demo as network_demo
from posts import demo, series
from posts.models import Blog, Post
from profiles.models import Role
from profiles.roles import ensure_km_roles


class Command(BaseCommand):
    help = "สร้างเนื้อหาตัวอย่างภาษาไทยและบัญชีทดลอง (ใช้ได้เมื่อ DEBUG เปิดอยู่เท่านั้น)"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="ยอมสร้างแม้ DEBUG ปิด (บัญชีทดลองมีรหัสผ่านที่ทุกคนรู้)")

    def handle(self, *args, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("load_demo สร้างบัญชีที่ทุกคนรู้รหัสผ่าน: ใช้ได้เมื่อ DEBUG=1 หรือใส่ --force")
        with transaction.atomic():
            users = self._people()
            self._content(users)
        self.stdout.write(self.style.SUCCESS("เนื้อหาตัวอย่างพร้อมแล้ว"))
        self.stdout.write(f"  บรรณาธิการ (admin):   ชื่อผู้ใช้ admin   รหัสผ่าน {demo.PASSWORD}  → /admin/")
        self.stdout.write(f"  คุณอำนวย (ผู้เขียน):  ชื่อผู้ใช้ somsri  รหัสผ่าน {demo.PASSWORD}")

    def _people(self) -> dict:
        User = get_user_model()
        admin, created = User.objects.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True, "email": "admin@example.org"}
        )
        if created:
            admin.set_password(demo.PASSWORD)
            admin.save()
            admin.profile.display_name = "บรรณาธิการ kmblog"
            admin.profile.save()
        users = {"admin": admin}
        ensure_km_roles(Role)
        roles = {role.code: role for role in Role.objects.all()}
        for person in demo.PEOPLE:
            fields = dict(person)
            username = fields.pop("username")
            role_codes = fields.pop("roles")
            user, created = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
            if created:
                user.set_password(demo.PASSWORD)
                user.save()
            profile = user.profile
            for name, value in fields.items():
                setattr(profile, name, value)
            profile.save()
            profile.roles.set([roles[code] for code in role_codes])
            users[username] = user
        return users

    def _content(self, users: dict) -> None:
        blogs = {}
        for owner, title, description in demo.BLOGS:
            blogs[title], _ = Blog.objects.update_or_create(
                owner=users[owner], title=title, defaults={"description": description}
            )
        posts = {}
        for item in demo.POSTS:
            blog = blogs[item["blog"]]
            published_at = demo.at(item["published_at"]) if item["published_at"] else None
            updated_at = demo.at(item["updated_at"]) if item.get("updated_at") else published_at
            post = Post.objects.filter(blog=blog, title=item["title"]).first() or Post(blog=blog, title=item["title"])
            post.author = blog.owner
            post.lead, post.body, post.licence = item["lead"], item["body"], item["licence"]
            post.status = Post.Status.PUBLISHED if published_at else Post.Status.DRAFT
            post.published_at = published_at
            if updated_at:
                post.updated_at = updated_at
            post.read_count = max(post.read_count, item["reads"])
            post.save()
            post.tags.set(item["tags"])
            if found := series.detect(post.title):
                series.file_into_series(post, *found)
            posts[item["title"]] = post
        for title, username, guest_name, body, reply_to in demo.COMMENTS:
            post = posts[title]
            if post.comments.filter(body=body).exists():
                continue
            parent = post.comments.filter(position=reply_to).first() if reply_to else None
            Comment.objects.create(
                post=post,
                parent=parent,
                author=users.get(username) if username else None,
                guest_name=guest_name,
                body=body,
                status=Comment.Status.APPROVED,
                created=post.published_at + timedelta(hours=3 + post.comments.count()),
            )
        # One guest comment waiting in the moderation queue.
        first = posts[demo.POSTS[0]["title"]]
        Comment.objects.get_or_create(
            post=first,
            guest_name="ผู้เยี่ยมชม",
            body="สนใจเข้าร่วมกลุ่มออมทรัพย์ ต้องติดต่อใครคะ",
            defaults={"status": Comment.Status.PENDING, "created": first.published_at + timedelta(days=2)},
        )
        communities_demo.load(users, blogs, posts)
        network_demo.load(users, posts)
