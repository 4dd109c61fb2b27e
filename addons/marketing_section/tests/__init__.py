from . import test_organisation
from . import test_review_engine
from . import test_authority_change
from . import test_customer_archive
from . import test_ui
from . import test_review_verbs
from . import test_review_queries
from . import test_ui_review_verbs
