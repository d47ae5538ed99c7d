package org.wanzheng;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.ByteByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The C ABI of wanzheng ({@code include/wanzheng.h}) as JNA sees it. Every {@code int} return is a
 * {@code wz_status}; strings written through a {@link PointerByReference} must be released with
 * {@link #wz_string_free}. Use the typed facade ({@link Context}, {@link InvestmentProject}) instead.
 */
interface Native extends Library {
    int wz_abi_version();

    String wz_version();

    String wz_status_name(int status);

    void wz_string_free(Pointer s);

    int wz_last_error_json(PointerByReference outJson);

    int wz_calendar_embedded(PointerByReference outCalendar);

    int wz_calendar_with_notice(Pointer base, String noticeJson, PointerByReference outCalendar);

    int wz_calendar_is_working_day(Pointer calendar, String date, ByteByReference outWorking);

    int wz_calendar_is_official(Pointer calendar, String date, ByteByReference outOfficial);

    void wz_calendar_free(Pointer calendar);

    int wz_context_new(String configJson, Pointer calendar, PointerByReference outContext);

    int wz_context_with_ruleset(Pointer base, String amendmentJson, PointerByReference outContext);

    void wz_context_free(Pointer context);

    int wz_decide(Pointer context, String function, String requestJson, PointerByReference outJson);

    int wz_decide_batch(Pointer context, String function, String requestsJson, PointerByReference outJson);

    int wz_decide_functions(PointerByReference outJson);

    /** {@code requests}: {@code count} {@code wz_route_request}s; {@code outRoutes}: room for {@code count} pointers. */
    int wz_approval_route_batch(Pointer context, Pointer requests, long count, Pointer outRoutes);

    /** The name of flag bit {@code index} of {@code wz_route_request.flags}; NULL past the list. */
    String wz_route_flag_name(long index);

    int wz_explain(String ruleId, PointerByReference outJson);

    int wz_inv_project_new(Pointer context, PointerByReference outProject);

    int wz_inv_project_create(Pointer context, String commandJson, PointerByReference outProject,
            PointerByReference outTransitionJson);

    int wz_inv_project_apply(Pointer project, String commandJson, PointerByReference outTransitionJson);

    int wz_inv_project_state(Pointer project, PointerByReference outJson);

    int wz_inv_project_obligations(Pointer project, String asOf, PointerByReference outJson);

    int wz_inv_project_findings(Pointer project, String asOf, PointerByReference outJson);

    int wz_inv_project_replay(Pointer context, String logJson, PointerByReference outProject,
            PointerByReference outReportJson);

    int wz_inv_project_export_log(Pointer project, PointerByReference outJson);

    int wz_inv_project_document_json(Pointer project, PointerByReference outJson);

    void wz_inv_project_free(Pointer project);

    int wz_inv_project_replay_checked(Pointer context, String logJson, String optionsJson, PointerByReference outProject,
            PointerByReference outReportJson);

    int wz_inv_project_checkpoint(Pointer project, String keysJson, PointerByReference outJson);

    int wz_inv_project_permitted_events(Pointer project, String asOf, String actor, PointerByReference outJson);

    int wz_inv_project_what_if(Pointer project, String commandJson, PointerByReference outTransitionJson);

    int wz_dig_project_create(Pointer context, String commandJson, PointerByReference outProject,
            PointerByReference outTransitionJson);

    int wz_dig_project_apply(Pointer project, String commandJson, PointerByReference outTransitionJson);

    int wz_dig_project_state(Pointer project, PointerByReference outJson);

    int wz_dig_project_obligations(Pointer project, String asOf, PointerByReference outJson);

    int wz_dig_project_findings(Pointer project, String asOf, PointerByReference outJson);

    int wz_dig_project_replay_checked(Pointer context, String logJson, String optionsJson, PointerByReference outProject,
            PointerByReference outReportJson);

    int wz_dig_project_checkpoint(Pointer project, String keysJson, PointerByReference outJson);

    int wz_dig_project_export_log(Pointer project, PointerByReference outJson);

    int wz_dig_project_document_json(Pointer project, PointerByReference outJson);

    int wz_dig_project_permitted_events(Pointer project, String asOf, String actor, PointerByReference outJson);

    int wz_dig_project_what_if(Pointer project, String commandJson, PointerByReference outTransitionJson);

    void wz_dig_project_free(Pointer project);

    int wz_workspace_new(Pointer context, PointerByReference outWorkspace);

    int wz_workspace_apply(Pointer workspace, String commandJson, PointerByReference outTransitionJson);

    int wz_workspace_apply_all(Pointer workspace, String commandsJson, PointerByReference outStepsJson);

    int wz_workspace_report(Pointer workspace, String asOf, PointerByReference outJson);

    int wz_workspace_permitted_events(Pointer workspace, String asOf, String actor, PointerByReference outJson);

    int wz_workspace_what_if(Pointer workspace, String commandJson, PointerByReference outTransitionJson);

    int wz_workspace_project_document_json(Pointer workspace, String projectId, PointerByReference outJson);

    void wz_workspace_free(Pointer workspace);

    int wz_check_json(Pointer calendar, String projectJson, String asOf, PointerByReference outReportJson);

    int wz_check_file(Pointer calendar, String path, String asOf, PointerByReference outReportJson);

    int wz_context_config_json(Pointer context, PointerByReference outJson);
}
