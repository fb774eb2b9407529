"""`__in` on integer columns that ignores numbers no column can hold.

Django drops out-of-range numbers from exact/gt/lt lookups on integer fields
(IntegerFieldOverflow) but not from `__in`: a form field choosing rows by id
(ModelMultipleChoiceField: the profile's roles, the admin's groups) given
99999999999999999999 raised OverflowError on SQLite and a DataError on
PostgreSQL, a 500 instead of "not a valid choice". Such a number matches no
row, so it is dropped, as Django does for the other lookups. So is text that is
no number at all: the admin's autocomplete widget, re-rendering a form posted
with blog="\x0c", looked the value up with `__in` and raised ValueError.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def get_prep_lookup(self):
        if self.rhs_is_direct_value() and not isinstance(self.rhs, str):
            self.rhs = [value for value in self.rhs if _is_integer(value)]
        return super().get_prep_lookup()

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def _is_integer(value) -> bool:
    if value is None or isinstance(value, int):
        return True
    try:
        int(str(value).strip())
    except ValueError:
        return False
    return True


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
