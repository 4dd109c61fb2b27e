# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MarketingAppraisalGenerateWizard(models.TransientModel):
    """Generate the appraisal sheets of a section for a template and period."""

    _name = "marketing.appraisal.generate.wizard"
    _description = "Generate Appraisals"

    section_id = fields.Many2one(
        "marketing.section",
        required=True,
        default=lambda self: self.env.user._get_marketing_section(),
    )
    template_id = fields.Many2one(
        "marketing.appraisal.template",
        required=True,
        domain="[('company_id', '=', company_id)]",
    )
    period_id = fields.Many2one(
        "marketing.appraisal.period",
        required=True,
        domain="[('company_id', '=', company_id)]",
    )
    company_id = fields.Many2one(related="section_id.company_id")

    def action_generate(self):
        """Create the sheets with their computed values and show them."""
        self.ensure_one()
        sheets = self.env["marketing.appraisal"]._generate_sheets(
            self.section_id, self.template_id, self.period_id
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "marketing_appraisal.marketing_appraisal_action"
        )
        action["domain"] = [
            ("section_id", "=", self.section_id.id),
            ("period_id", "=", self.period_id.id),
        ]
        action["context"] = {"generated_ids": sheets.ids}
        return action
