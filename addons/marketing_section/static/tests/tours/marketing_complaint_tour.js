import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// Customer service accepts a complaint and walks it through every stage to
// closed (SRV-1, SRV-2, SRV-4): each stage's data is filled in its notebook
// page before "Next Stage"; leaving a stage without its data shows the error
// dialog and changes nothing. Closing plans the follow-up revisit.
// The organisation is prepared by tests/test_ui_complaint.py: the
// customer-service user "Complaint Service" is a member of the group
// "Tour Service Group"; the customer is "Tour Customer Co".

const statusIs = (label) => ({
    content: `The complaint is in the stage ${label}`,
    trigger: `.o_form_view .o_statusbar_status .o_arrow_button_current:contains(${label})`,
});

const openPage = (name, label) => ({
    content: `Open the ${label} page`,
    trigger: `.o_form_view .o_notebook .nav-link[name=${name}]`,
    run: "click",
});

const editText = (field, text) => ({
    content: `Fill ${field}`,
    trigger: `.o_form_view .o_field_widget[name=${field}] textarea`,
    run: `edit ${text}`,
});

const editHtml = (field, text) => ({
    content: `Write ${field}`,
    trigger: `.o_form_view .o_field_html[name=${field}] .odoo-editor-editable div.o-paragraph`,
    run: `editor ${text}`,
});

const nextStage = () => ({
    content: "Next Stage",
    trigger: ".o_form_view .o_form_statusbar button[name=action_next_stage]",
    run: "click",
});

registry.category("web_tour.tours").add("marketing_complaint_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "marketing_section.marketing_section_menu_root",
            "Open the Marketing app"
        ),
        {
            content: "Open the customer-service menu",
            trigger: "button[data-menu-xmlid='marketing_section.marketing_service_menu']",
            run: "click",
        },
        {
            content: "Open the complaints",
            trigger: "a[data-menu-xmlid='marketing_section.marketing_complaint_menu']",
            run: "click",
        },
        {
            content: "The complaints are shown",
            trigger: ".o_breadcrumb:contains(Customer Complaints)",
        },
        {
            content: "Accept a new complaint",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        statusIs("Accepted"),
        {
            content: "The customer",
            trigger: ".o_form_view .o_field_widget[name=partner_id] input",
            run: "edit Tour Customer Co",
        },
        {
            content: "Pick the customer in the dropdown",
            trigger: ".o-autocomplete--dropdown-item > a:contains(Tour Customer Co)",
            run: "click",
        },
        {
            content: "The category",
            trigger: ".o_form_view .o_field_widget[name=category] select",
            run: 'select "quality"',
        },
        {
            content: "The severity",
            trigger: ".o_form_view .o_field_widget[name=severity] select",
            run: 'select "high"',
        },
        openPage("description", "Complaint"),
        editHtml("description", "Slump too low on the C30 delivery"),
        {
            content: "Save the complaint",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The complaint got its number",
            trigger: ".o_form_view .o_form_saved .o_field_widget[name=name]:contains(TS/)",
        },
        // Accepted -> Registered: category and description are in.
        nextStage(),
        statusIs("Registered"),
        {
            content: "The responsible person is me",
            trigger: ".o_form_view .o_field_widget[name=user_id] input:value(Complaint Service)",
        },
        {
            content: "The customer-service group is mine",
            trigger: ".o_form_view .o_field_widget[name=group_id] input:value(Tour Service Group)",
        },
        // Registered -> Investigating: responsible person and group are set.
        nextStage(),
        statusIs("Investigating"),
        openPage("investigation", "Investigation"),
        editText("root_cause", "Dosing pump calibration"),
        // Leaving without the findings is refused with an explanation.
        nextStage(),
        {
            content: "The error dialog says what is missing",
            trigger:
                ".modal:contains(Invalid Operation) .modal-body:contains(without the findings of the investigation)",
        },
        {
            content: "Close the error dialog",
            trigger: ".modal:contains(Invalid Operation) .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        statusIs("Investigating"),
        editHtml("findings", "Water reducer dosage wrong at batch 12"),
        nextStage(),
        statusIs("Resolution"),
        openPage("resolution", "Resolution"),
        editHtml("resolution", "Replace the admixture and re-test the cubes"),
        nextStage(),
        statusIs("Feedback"),
        openPage("feedback", "Feedback and Follow-up"),
        editText("customer_feedback", "The customer accepts the plan"),
        nextStage(),
        statusIs("Follow-up"),
        openPage("feedback", "Feedback and Follow-up"),
        {
            content: "The satisfaction of the follow-up visit",
            trigger: ".o_form_view .o_field_widget[name=followup_satisfaction] select",
            run: 'select "4"',
        },
        editText("followup_note", "Site visit, the new batches are fine"),
        nextStage(),
        statusIs("Closed"),
        {
            content: "A closed complaint cannot move on",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_next_stage]))",
        },
        openPage("feedback", "Feedback and Follow-up"),
        {
            content: "The follow-up revisit is planned",
            trigger:
                ".o_form_view .o_field_widget[name=revisit_ids] .o_data_row:contains(Complaint Service):contains(Planned)",
        },
    ],
});
