"""Django's XML serialiser, dropping control characters that XML cannot carry.

Registered for the "xml" format in settings.SERIALIZATION_MODULES, so
export_site (dumpdata) writes a backup even when old rows hold such characters:
one stranger's comment must not break the site's backups. Reading is Django's.
"""

import copy

from django.core.serializers.xml_serializer import Deserializer  # noqa: F401  (the format's reader)
from django.core.serializers.xml_serializer import Serializer as DjangoSerializer

from kmblog.text import CONTROL_CHARACTERS, strip_controls


class Serializer(DjangoSerializer):
    def handle_field(self, obj, field):
        value = field.value_from_object(obj)
        if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
            obj = copy.copy(obj)
            setattr(obj, field.attname, strip_controls(value))
        super().handle_field(obj, field)
