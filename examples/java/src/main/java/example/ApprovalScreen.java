package example;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.wanzheng.Command;
import org.wanzheng.Context;
import org.wanzheng.InvestmentProject;
import org.wanzheng.PermittedEvent;
import org.wanzheng.Screen;

/** The README's "approval screen": which buttons to enable for the project on screen, and why the others are grey. */
public final class ApprovalScreen {
    private ApprovalScreen() {}

    public static void main(String[] args) {
        // README:begin
        String code = "2309-411300-04-01-527314";   // 项目统一代码 (INV-9.2)
        try (Context ctx = Context.defaults();
             InvestmentProject p = InvestmentProject.create(ctx, Command.inv("P1").projectCode(code)
                     .event("register_project").actor("project_unit").date(LocalDate.of(2023, 9, 4))
                     .fact("project_id", "P1").fact("project_code", code)
                     .fact("name", "Village road").fact("sector", "transport").fact("nature", "non_operating")
                     .fact("mode", "direct_investment").fact("total", new BigDecimal("8500000.00"))
                     .fact("unit_kind", "admin_or_public_unit").fact("industry_authority_org", "南阳市交通运输局"))) {
            p.apply(Command.inv("P1").projectCode(code).event("select_route").actor("project_unit")
                    .date(LocalDate.of(2023, 9, 5)).fact("chosen_route", "standard"));
            Screen screen = p.permittedEvents(LocalDate.of(2023, 9, 6), "project_unit");
            for (PermittedEvent e : screen.stream("inv", "P1").events()) {
                String why = e.allowed() ? "" : e.blockers().get(0).rule() + " " + e.blockers().get(0).messageEn();
                System.out.println((e.allowed() ? "[ok]   " : "[grey] ") + e.event() + "  " + why);
            }
        }
        // README:end
    }
}
