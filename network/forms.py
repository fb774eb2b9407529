from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import Channel, Digest, Notification, Preferences


class PreferencesForm(forms.Form):
    """Per kind of notification: on the site, by mail, both or neither; the digest; the planet."""

    digest = forms.ChoiceField(label=_("อีเมลสรุป"), choices=Digest.choices, widget=forms.RadioSelect)
    planet_public = forms.BooleanField(label=_("เปิดแพลนเน็ตของฉันให้ทุกคนดู (พร้อมฟีด)"), required=False)

    def __init__(self, *args, preferences: Preferences, **kwargs):
        self.preferences = preferences
        initial = {"digest": preferences.digest, "planet_public": preferences.planet_public}
        initial |= {f"kind_{kind}": preferences.channel(kind) for kind in Notification.Kind.values}
        super().__init__(*args, initial=initial, **kwargs)
        for kind, label in Notification.Kind.choices:
            self.fields[f"kind_{kind}"] = forms.ChoiceField(
                label=label, choices=Channel.choices, widget=forms.RadioSelect
            )

    def kind_fields(self):
        return [self[f"kind_{kind}"] for kind in Notification.Kind.values]

    def save(self) -> Preferences:
        prefs = self.preferences
        prefs.channels = {kind: self.cleaned_data[f"kind_{kind}"] for kind in Notification.Kind.values}
        prefs.digest = self.cleaned_data["digest"]
        prefs.planet_public = self.cleaned_data["planet_public"]
        prefs.save()
        return prefs
