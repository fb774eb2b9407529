"""python manage.py generate_corpus N: synthetic Thai posts for measuring search.

Sentences come from our own demo content, shuffled into posts of about 1,100
characters. Two planted words make the two kinds of query the benchmark needs:
COMMON is in about 80% of posts, RARE in about 0.05%. Posts are written in bulk
(no per-post signals); run rebuild_search_index afterwards to index them.
"""

import random
import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db.models import Max
from django.utils import timezone

from posts import demo
from posts.management.progress import ProgressBar
from posts.models import Blog, Post
from tags.models import Tag, TaggedPost

COMMON = "การเรียนรู้ร่วมกัน"
RARE = "ปลานิลแดงสายพันธุ์ใหม่"
EXTRA_SENTENCES = [
    "คุณอำนวยตำบลชวนคุณกิจเล่าเรื่องความสำเร็จเล็ก ๆ ในเวทีประจำเดือน",
    "กลุ่มเกษตรกรแลกเปลี่ยนวิธีทำปุ๋ยหมักจากเศษพืชในหมู่บ้าน",
    "คุณเอื้อจากสำนักงานเกษตรจังหวัดมาร่วมฟังและสนับสนุนงบประมาณ",
    "บันทึกนี้สรุปบทเรียนจากการทำบัญชีครัวเรือนของสมาชิกสามสิบครอบครัว",
    "โรงเรียนในตำบลนำความรู้เรื่องการออมไปสอนนักเรียนชั้นประถม",
    "ทีมคุณลิขิตจดคำพูดของชาวบ้านไว้ตามจริงเพื่อไม่ให้ความหมายเปลี่ยน",
    "การประสานงานระหว่างหน่วยงานยังติดขั้นตอนหนังสือราชการอยู่บ้าง",
    "เครือข่ายครูใช้ LINE OpenChat แลกเปลี่ยนสื่อการสอนทุกสัปดาห์",
]
BATCH = 2000


def _sentences() -> list[str]:
    text = " ".join(f"{p['lead']} {re.sub(r'<[^>]+>', ' ', p['body'])}" for p in demo.POSTS)
    pieces = [s.strip() for s in re.split(r"\s{2,}|(?<=[.!?])\s|(?<=ๆ)\s", text) if len(s.strip()) > 20]
    return pieces + EXTRA_SENTENCES


class Command(BaseCommand):
    help = "สร้างบันทึกภาษาไทยสังเคราะห์ N บันทึกสำหรับวัดความเร็วการค้นหา (ใช้กับฐานข้อมูลทดสอบเท่านั้น)"

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=2549)

    def handle(self, *args, count: int, seed: int, **options):
        rng = random.Random(seed)  # noqa: S311 (repeatable test data, not secrets)
        sentences = _sentences()
        owner, _ = get_user_model().objects.get_or_create(username="corpus")
        blogs = [Blog.objects.get_or_create(owner=owner, title=f"สมุดบันทึกสังเคราะห์ {n}")[0] for n in range(20)]
        tags = [Tag.objects.get_or_create(name=name)[0] for name in ["คุณอำนวย", "ถอดบทเรียน", "เกษตร", "การออม", "ICT"]]
        next_number = (Post.objects.aggregate(top=Max("number"))["top"] or 0) + 1
        now = timezone.now()
        progress = ProgressBar(self.stdout)
        made = 0
        while made < count:
            batch = []
            for _ in range(min(BATCH, count - made)):
                body = []
                while sum(map(len, body)) < 1000:
                    body.append(rng.choice(sentences))
                if rng.random() < 0.8:
                    body.insert(rng.randrange(len(body)), COMMON)
                if rng.random() < 0.0005:
                    body.insert(rng.randrange(len(body)), RARE)
                published = now - timedelta(minutes=count - made)
                batch.append(
                    Post(
                        number=next_number + made,
                        blog=rng.choice(blogs),
                        author=owner,
                        title=" ".join(rng.sample(sentences, 1))[:120],
                        lead=rng.choice(sentences),
                        body="".join(f"<p>{sentence}</p>" for sentence in body),
                        status=Post.Status.PUBLISHED,
                        published_at=published,
                        updated_at=published,
                    )
                )
                made += 1
            created = Post.objects.bulk_create(batch)
            TaggedPost.objects.bulk_create(
                TaggedPost(content_object=post, tag=tag) for post in created for tag in rng.sample(tags, 2)
            )
            progress.update(made, count)
        progress.clear()
        self.stdout.write(f"สร้างบันทึกสังเคราะห์ {made} บันทึก (คำพบบ่อย: {COMMON}, คำหายาก: {RARE})")
