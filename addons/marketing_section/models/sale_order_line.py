# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# A line's commercial terms (CON-1, CON-2): what the contract review saw.
REVIEWED_LINE_FIELDS = {
    "product_id",
    "name",
    "product_uom_qty",
    "price_unit",
    "discount",
    "tax_id",
    "product_uom",
}


class SaleOrderLine(models.Model):
    """Lines of a quotation in contract review keep their reviewed terms."""

    _inherit = "sale.order.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self.env.su:
            lines.order_id._check_reviewed_terms_unchanged()
        return lines

    def write(self, vals):
        if not self.env.su and REVIEWED_LINE_FIELDS & vals.keys():
            self.order_id._check_reviewed_terms_unchanged()
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self.order_id._check_reviewed_terms_unchanged()
        return super().unlink()
