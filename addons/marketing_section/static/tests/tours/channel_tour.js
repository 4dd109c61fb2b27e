import { registry } from "@web/core/registry";
import { inputFiles } from "@web/../tests/utils";

// CHN-1: a salesperson proposes a channel partner with its three documents
// and its assessment, and sends the admission for approval.
function uploadStep(field, name) {
    return {
        content: `Attach the ${name}`,
        trigger: `.o_field_widget[name=${field}] .o_select_file_button`,
        async run() {
            const file = new File(["%PDF-1.4 scan"], `${name}.pdf`, {
                type: "application/pdf",
            });
            await inputFiles(`.o_field_widget[name=${field}] .o_input_file`, [file]);
        },
    };
}

registry.category("web_tour.tours").add("marketing_channel_admission_tour", {
    url: "/odoo/action-marketing_section.marketing_channel_admission_action",
    steps: () => [
        {
            content: "Propose a new channel",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the partner",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Channel",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Channel Co)",
            run: "click",
        },
        {
            content: "A distributor",
            trigger: ".o_field_widget[name=channel_type] select",
            run: 'select "distributor"',
        },
        uploadStep("business_license_file", "licence"),
        {
            content: "The licence is attached",
            trigger: ".o_field_widget[name=business_license_file] .o_clear_file_button",
        },
        uploadStep("tax_registration_file", "tax"),
        {
            content: "The tax registration is attached",
            trigger: ".o_field_widget[name=tax_registration_file] .o_clear_file_button",
        },
        uploadStep("product_qualification_file", "qualification"),
        {
            content: "The qualification is attached",
            trigger: ".o_field_widget[name=product_qualification_file] .o_clear_file_button",
        },
        {
            content: "Open the assessment",
            trigger: ".o_notebook .nav-link[name=assessment]",
            run: "click",
        },
        {
            content: "Business history",
            trigger: ".o_field_widget[name=cooperation_history] textarea",
            run: "edit Ten years of cement trade in Hankou",
        },
        {
            content: "Service quality",
            trigger: ".o_field_widget[name=service_quality] textarea",
            run: "edit Answers complaints within a day",
        },
        {
            content: "Recommendation",
            trigger: ".o_field_widget[name=recommendation] select",
            run: 'select "admit"',
        },
        {
            content: "Submit for approval",
            trigger: "button[name=action_submit]",
            run: "click",
        },
        {
            content: "The admission waits for approval",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(To Approve)",
        },
    ],
});

// A reviewer opens the pending admission and approves his step.
registry.category("web_tour.tours").add("marketing_channel_approval_tour", {
    url: "/odoo/action-marketing_section.marketing_channel_admission_action",
    steps: () => [
        {
            content: "Open the pending admission",
            trigger: ".o_data_row:contains(Tour Channel Co) .o_data_cell[name=partner_id]",
            run: "click",
        },
        {
            content: "Approve",
            trigger: "button[name=action_review_approve]",
            run: "click",
        },
        {
            content: "Confirm the approval",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The step is decided",
            trigger: "body:not(:has(.modal)) .o_form_view:not(:has(button[name=action_review_approve]))",
        },
    ],
});
