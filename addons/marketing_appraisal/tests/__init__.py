from . import test_scoring_engine
from . import test_appraisal_flow
from . import test_appraisal_refusals
from . import test_appraisal_roles
from . import test_appraisal_queries
from . import test_sales_target
from . import test_appraisal_reports
from . import test_ui_appraisal
