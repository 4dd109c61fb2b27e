# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SurveySurvey(models.Model):
    """Surveys are the questionnaires of market research (RES-1)."""

    _inherit = "survey.survey"

    def _marketing_completed_answer_counts(self):
        """``{survey id: completed answers}`` in one query (RES-1, RES-2).

        Counted as superuser: a research plan shows how many customers
        answered even to staff who may not open the survey app.
        """
        if not self.ids:
            return {}
        groups = (
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [("survey_id", "in", self.ids), ("state", "=", "done")],
                ["survey_id"],
                ["__count"],
            )
        )
        return {survey.id: count for survey, count in groups}

    def _marketing_action_completed_answers(self):
        """Odoo's list of the completed answers of this survey."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "survey.action_survey_user_input"
        )
        action["domain"] = [("survey_id", "=", self.id), ("state", "=", "done")]
        action["context"] = {"create": False}
        return action
