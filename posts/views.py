from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from posts.models import Blog, Post
from tags.models import Tag


def home(request: HttpRequest) -> HttpResponse:
    """The newest published posts. Template posts/post_list.html: page, popular_tags."""
    page = Paginator(Post.objects.published().for_list(), settings.KMBLOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "posts/post_list.html", {"page": page, "popular_tags": Tag.objects.popular()[:20]})


def post_detail(request: HttpRequest, number: int) -> HttpResponse:
    """One post with its approved comments. Template posts/post_detail.html: post, thread."""
    post = get_object_or_404(
        Post.objects.visible_to(request.user)
        .select_related("blog", "author__profile")
        .prefetch_related("tags", "author__profile__roles"),
        number=number,
    )
    if post.is_published and request.user.pk != post.author_id:
        post.count_read()
    comments = list(post.comments.approved().for_thread())
    replies: dict[int, list] = {}
    for comment in comments:
        if comment.parent_id:
            replies.setdefault(comment.parent_id, []).append(comment)
    thread = [(c, replies.get(c.pk, [])) for c in comments if not c.parent_id]
    return render(request, "posts/post_detail.html", {"post": post, "thread": thread})


def blog_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A blog and its published posts. Template posts/blog_detail.html: blog, page."""
    blog = get_object_or_404(Blog.objects.select_related("owner__profile"), pk=pk)
    posts = Post.objects.published().filter(blog=blog).for_list()
    page = Paginator(posts, settings.KMBLOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "posts/blog_detail.html", {"blog": blog, "page": page})
