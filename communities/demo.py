"""The demo communities `make run` shows: written for kmblog, in Thai, never copied from elsewhere.

Three communities with facilitators, members and shared posts, and one
pending request (malai asks to join the savings-group network).
"""

from communities import services
from communities.models import Community, JoinPolicy, JoinRequest, Membership

COMMUNITIES = [
    {
        "name": "เครือข่ายกลุ่มออมทรัพย์นครศรีธรรมราช",
        "description": (
            "พื้นที่แลกเปลี่ยนของกรรมการและคุณอำนวยกลุ่มออมทรัพย์ในจังหวัด ถอดบทเรียนการทำบัญชี การปล่อยกู้ และการดูแลสมาชิกที่เดือดร้อน"
        ),
        "province": "นครศรีธรรมราช",
        "tags": ["กลุ่มออมทรัพย์", "การเงินชุมชน"],
        "policy": JoinPolicy.REQUEST,
        "owner": "somsri",
        "facilitators": ["wanna"],
        "members": ["prasit"],
        "requests": [("malai", "อยากเรียนวิธีทำบัญชีครัวเรือนไปใช้กับกลุ่มบ้านนาเคียนค่ะ")],
        "posts": [
            "ถอดบทเรียนกลุ่มออมทรัพย์บ้านกลาย ตอนที่1",
            "ถอดบทเรียนกลุ่มออมทรัพย์บ้านกลาย ตอนที่2",
            "คุณเอื้อควรทำอะไร เมื่อวงเรียนรู้เริ่มแผ่ว",
        ],
    },
    {
        "name": "นาอินทรีย์ลุ่มน้ำปากพนัง",
        "description": "ชาวนาและนักส่งเสริมการเกษตรที่ทดลองทำนาไม่เผาฟาง ลดปุ๋ยเคมี และเก็บความรู้จากแปลงจริง",
        "province": "นครศรีธรรมราช",
        "tags": ["เกษตรอินทรีย์", "ข้าว"],
        "policy": JoinPolicy.OPEN,
        "owner": "prasit",
        "facilitators": [],
        "members": ["somsri", "wanna"],
        "requests": [],
        "posts": ["ปุ๋ยหมักฟางข้าว: ความรู้จากแปลงนาลุงเคลื่อน"],
        "blog": "นาอินทรีย์เชียรใหญ่",
    },
    {
        "name": "ครู กศน. นักจัดการความรู้",
        "description": "วงของครู กศน. ที่ใช้การจัดการความรู้ในห้องเรียนผู้ใหญ่ เข้าร่วมได้เมื่อได้รับเชิญจากผู้ดูแล",
        "province": "",
        "tags": ["การศึกษาผู้ใหญ่", "คุณอำนวย"],
        "policy": JoinPolicy.INVITE,
        "owner": "somsri",
        "facilitators": [],
        "members": ["wanna"],
        "requests": [],
        "posts": ["ผู้ใหญ่เรียนรู้อย่างไร: สิ่งที่ครู กศน. ต้องฟังก่อนสอน"],
    },
]


def load(users: dict, blogs: dict, posts: dict) -> None:
    """Create (or bring back) the demo communities; safe to repeat."""
    for item in COMMUNITIES:
        community = Community.objects.filter(name=item["name"]).first()
        if community is None:
            community = Community(
                name=item["name"],
                description=item["description"],
                province=item["province"],
                join_policy=item["policy"],
            )
            services.create(community, users[item["owner"]], tags=item["tags"])
        for username in item["facilitators"]:
            Membership.objects.update_or_create(
                community=community, user=users[username], defaults={"role": Membership.Role.FACILITATOR}
            )
        for username in item["members"]:
            Membership.objects.get_or_create(community=community, user=users[username])
        for username, message in item["requests"]:
            JoinRequest.objects.get_or_create(community=community, user=users[username], defaults={"message": message})
        for title in item["posts"]:
            services.share(posts[title], community, posts[title].author)
        if item.get("blog"):
            services.link_blog(community, blogs[item["blog"]], users[item["owner"]])
        services.refresh_counts(community.pk)
