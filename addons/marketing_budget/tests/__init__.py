from . import test_budget_approval
from . import test_claim_flow
from . import test_claim_refusals
from . import test_consistency
from . import test_budget_queries
from . import test_dashboard_tiles
