package dev.cairn.server.console;

import dev.cairn.server.user.SignedInUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The landing page: what the member shares and receives, and how often it matters. */
@Controller
@RequestMapping("/console")
public class DashboardController {
    static final int WEEKS = 12;

    private final DashboardService dashboards;

    public DashboardController(DashboardService dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping({"", "/"})
    public String dashboard(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("section", "dashboard");
        model.addAttribute("weeks", WEEKS);
        model.addAttribute("totals", dashboards.dashboard(me.caller(), WEEKS).totals());
        return "console/dashboard";
    }

    /** The charts' data, fetched by dashboard.js (no inline script: the CSP forbids it). */
    @GetMapping("/dashboard/data")
    @ResponseBody
    public DashboardService.Dashboard data(@AuthenticationPrincipal SignedInUser me) {
        return dashboards.dashboard(me.caller(), WEEKS);
    }
}
