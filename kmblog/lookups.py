"""Lookups on integer columns that ignore numbers no column can hold.

Django drops out-of-range numbers from exact/gt/lt lookups on integer fields
(IntegerFieldOverflow), but not from `__in`, nor from lookups through a foreign
key. Hostile input reached both: a form field choosing rows by id
(ModelMultipleChoiceField: the profile's roles) given 99999999999999999999, or
the admin's list given ?author=-99999999999999999999, raised OverflowError on
SQLite and a DataError on PostgreSQL: a 500 instead of "no such row". Such a
number matches no row, so it matches nothing here too, as in Django's own
lookups. Text that is no number at all is dropped from `__in` as well: the
admin's autocomplete widget, re-rendering a form posted with blog="\\x0c",
looked the value up with `__in` and raised ValueError.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In


def _bounds(lookup, connection) -> tuple[int | None, int | None] | None:
    field = lookup.lhs.output_field
    field = getattr(field, "target_field", field)  # through a foreign key: the column it points at
    if not isinstance(field, IntegerField):
        return None
    return connection.ops.integer_field_range(field.get_internal_type())


def _fits(value, bounds) -> bool:
    if bounds is None or not isinstance(value, int):
        return True
    low, high = bounds
    return (low is None or value >= low) and (high is None or value <= high)


def _is_integer(value) -> bool:
    if value is None or isinstance(value, int):
        return True
    try:
        int(str(value).strip())
    except ValueError:
        return False
    return True


class _DropOutOfRange:
    """For `__in`: leave out the values no column of this type can hold."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            bounds = _bounds(self, connection)
            self.rhs = [value for value in self.rhs if _fits(value, bounds)]
        return super().process_rhs(compiler, connection)


class IntegerFieldIn(_DropOutOfRange, In):
    def get_prep_lookup(self):
        if self.rhs_is_direct_value() and not isinstance(self.rhs, str):
            self.rhs = [value for value in self.rhs if _is_integer(value)]
        return super().get_prep_lookup()


class RelatedInRange(_DropOutOfRange, RelatedIn):
    pass


class RelatedExactInRange(RelatedExact):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value() and not _fits(self.rhs, _bounds(self, connection)):
            raise EmptyResultSet
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
    ForeignObject.register_lookup(RelatedExactInRange)
    ForeignObject.register_lookup(RelatedInRange)
