"""python manage.py generate_corpus N [--seed S] [--comments 0.5] [--no-index]

N synthetic Thai posts with a real vocabulary (search.corpus), for measuring
search on data shaped like real use. Only for scratch databases. Posts, tags
and comments are written in bulk (no per-post signals), then indexed by the
same code as rebuild_search_index (benchmarks/search.py times that command).
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db.models import Max
from django.utils import timezone

from comments.models import Comment
from posts.management.progress import ProgressBar
from posts.models import Blog, Post
from search.corpus import TAGS, Writer
from search.index import in_parallel, reindex_comments, reindex_posts
from tags.models import Tag, TaggedPost

BATCH = 1000
AUTHORS = 300


class Command(BaseCommand):
    help = "สร้างบันทึกภาษาไทยสังเคราะห์ N บันทึกด้วยคลังคำจริงสำหรับวัดความเร็วการค้นหา (ใช้กับฐานข้อมูลทดสอบเท่านั้น)"

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=2549)
        parser.add_argument("--comments", type=float, default=0.5, help="approved comments per post, on average")
        parser.add_argument("--no-index", action="store_true")

    def handle(self, *args, count: int, seed: int, comments: float, no_index: bool, **options):
        writer = Writer(seed + Post.objects.count())
        users = get_user_model().objects
        authors = [users.get_or_create(username=f"corpus{n}")[0] for n in range(AUTHORS)]
        blogs = [Blog.objects.get_or_create(owner=a, title=f"สมุดบันทึก {a.username}")[0] for a in authors]
        tags = {name: Tag.objects.get_or_create(name=name)[0] for name in TAGS}
        next_number = (Post.objects.aggregate(top=Max("number"))["top"] or 0) + 1
        oldest = Post.objects.order_by("published_at").values_list("published_at", flat=True).first()
        start = (oldest or timezone.now()) - timedelta(minutes=30 * count)
        with in_parallel():
            made, written, comment_count = self.write(
                count, writer, blogs, authors, tags, next_number, start, comments, no_index
            )
        self.stdout.write(
            f"Generated {made:,} posts ({written / max(made, 1):,.0f} characters on average) and "
            f"{comment_count:,} comments, from a vocabulary of {len(writer.vocabulary.words):,} words"
            f"{'' if no_index else ', indexed'}."
        )

    def write(self, count, writer, blogs, authors, tags, next_number, start, comments, no_index):
        rng = writer.rng
        progress = ProgressBar(self.stdout)
        made, written, comment_count = 0, 0, 0
        while made < count:
            batch, post_tags = [], []
            for _ in range(min(BATCH, count - made)):
                text = writer.post()
                blog = rng.choice(blogs)
                published = start + timedelta(minutes=30 * made)
                batch.append(
                    Post(
                        number=next_number + made,
                        blog=blog,
                        author_id=blog.owner_id,
                        title=text["title"],
                        lead=text["lead"],
                        body=text["body"],
                        status=Post.Status.PUBLISHED,
                        published_at=published,
                        updated_at=published,
                    )
                )
                post_tags.append(text["tags"])
                made += 1
            created = Post.objects.bulk_create(batch)
            for names in post_tags:
                for name in names:
                    if name not in tags:
                        tags[name] = Tag.objects.get_or_create(name=name)[0]
            TaggedPost.objects.bulk_create(
                TaggedPost(content_object=post, tag=tags[name])
                for post, names in zip(created, post_tags, strict=True)
                for name in names
            )
            new_comments = []
            for post in created:
                for position in range(1, 1 + round(rng.expovariate(1 / comments)) if comments else 1):
                    new_comments.append(
                        Comment(
                            post=post,
                            position=position,
                            author=rng.choice(authors),
                            body=writer.comment(),
                            status=Comment.Status.APPROVED,
                            created=post.published_at + timedelta(hours=position),
                        )
                    )
            created_comments = Comment.objects.bulk_create(new_comments)
            comment_count += len(created_comments)
            written += sum(len(p.title) + len(p.lead) + len(p.body) for p in created)
            if not no_index:
                reindex_posts([p.pk for p in created], with_comments=False)
                reindex_comments([c.pk for c in created_comments])
            progress.update(made, count)
        progress.clear()
        return made, written, comment_count
