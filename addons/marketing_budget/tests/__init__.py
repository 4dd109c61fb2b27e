from . import test_budget_approval
from . import test_claim_flow
from . import test_claim_refusals
from . import test_consistency
from . import test_budget_queries
from . import test_budget_alerts
from . import test_campaign_roi
from . import test_budget_report
