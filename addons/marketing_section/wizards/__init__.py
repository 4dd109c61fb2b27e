from . import marketing_review_decision_wizard
from . import marketing_review_batch_wizard
from . import marketing_review_batch_wizard_line
from . import marketing_complaint_stage_wizard
from . import marketing_complaint_register_wizard
from . import crm_lead_lost
