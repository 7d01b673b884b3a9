"""Forms of the employer's online service, by topic."""

from portal.employer.forms.colleagues import ColleagueForm
from portal.employer.forms.declarations import MonthForm, UploadForm, WageListForm
from portal.employer.forms.hiring import NewHireForm, SeparationStartForm
from portal.employer.forms.services import CardsApplyForm, CaseFilterForm, EmployeeForm, SearchForm

__all__ = [
    "CardsApplyForm",
    "CaseFilterForm",
    "ColleagueForm",
    "EmployeeForm",
    "MonthForm",
    "NewHireForm",
    "SearchForm",
    "SeparationStartForm",
    "UploadForm",
    "WageListForm",
]
