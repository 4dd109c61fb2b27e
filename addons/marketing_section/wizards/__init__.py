from . import marketing_review_decision_wizard
