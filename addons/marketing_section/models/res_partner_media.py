# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

MEDIUM_TYPES = [
    ("tv", "Television"),
    ("radio", "Radio"),
    ("newspaper", "Newspaper"),
    ("outdoor", "Outdoor"),
    ("online", "Online / Social Media"),
    ("magazine", "Industry Magazine"),
    ("other", "Other"),
]


# The media library is a capability of its own (ADV-1): kept apart from the
# customer archive of res_partner.py.
class ResPartner(models.Model):
    """Media library (媒体资源, ADV-1): a medium is a partner.

    Its contacts are the partner's child contacts, its prices the rates.
    """

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    is_medium = fields.Boolean(
        string="Is a Medium",
        index=True,
        help="Check to keep this partner in the media library (TV station, "
        "newspaper, outdoor operator, online account...).",
    )
    medium_type = fields.Selection(MEDIUM_TYPES)
    media_rate_ids = fields.One2many(
        "marketing.media.rate", "medium_id", string="Media Rates"
    )
