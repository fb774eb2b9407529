"""Mail about accounts, sent by the task worker (jobs/), never by the request."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskContext, task

from jobs.mail import MAIL_ERRORS, send_once
from jobs.models import SentMail
from jobs.registry import job

logger = logging.getLogger(__name__)


@job(_("ส่งอีเมลตั้งรหัสผ่านใหม่"), retry_on=MAIL_ERRORS)
@task(takes_context=True)
def send_password_reset(context: TaskContext, email: str, domain: str, use_https: bool, language: str) -> int:
    """The password-reset mail for each active account with this address; returns how many left now.

    The request only queued this task, whether or not an account has the
    address, so its timing tells a stranger nothing; the accounts are looked
    up here. The link is made here too, so no token waits in the task table.
    At most PASSWORD_RESET_MAILS_PER_HOUR mails go to one address an hour:
    the form cannot be used to flood someone's inbox.
    """
    sent = 0
    hour_ago = timezone.now() - timedelta(hours=1)
    for user in PasswordResetForm().get_users(email):
        address = getattr(user, user.get_email_field_name())
        recent = SentMail.objects.filter(to=address, key__startswith="password-reset:", sent_at__gte=hour_ago)
        if recent.count() >= settings.PASSWORD_RESET_MAILS_PER_HOUR:
            logger.warning("password reset for account %s not sent: enough were sent this hour", user.pk)
            continue
        mail_context = {
            "email": address,
            "domain": domain,
            "site_name": domain,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "user": user,
            "token": default_token_generator.make_token(user),
            "protocol": "https" if use_https else "http",
        }
        # The language of the page the reset was asked from.
        with translation.override(language):
            subject = "".join(render_to_string("registration/password_reset_subject.txt", mail_context).splitlines())
            body = render_to_string("registration/password_reset_email.html", mail_context)
        key = f"password-reset:{context.task_result.id}:{user.pk}"
        sent += send_once(key, EmailMessage(subject, body, None, [address]))
    return sent
