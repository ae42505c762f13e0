package dev.cairn.server.console;

import dev.cairn.server.user.LoginService;
import dev.cairn.server.user.SignedInUser;
import dev.cairn.server.user.Totp;
import dev.cairn.server.user.UserService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Console sign-in in two steps: password, then a code from the authenticator (or, for an admin without one, enrolment).
 * Between the steps the session holds only a pending sign-in that expires after a few minutes; the user is signed in,
 * with a new session id, only when every step has passed.
 */
@Controller
@RequestMapping("/console")
public class LoginController {
    static final String PENDING = "cairn.console.pending-login";
    static final String ACCOUNT_ENROL = "cairn.console.account-enrol";
    static final String ISSUER = "Cairn";
    private static final Duration PENDING_FOR = Duration.ofMinutes(5);
    private static final String REFUSED = "That username and password do not match an active account, or sign-in is "
            + "paused after repeated failures. Check them and try again.";

    private final LoginService logins;
    private final UserService users;
    private final ConsoleSecurityContextRepository contexts;

    public LoginController(LoginService logins, UserService users, ConsoleSecurityContextRepository contexts) {
        this.logins = logins;
        this.users = users;
        this.contexts = contexts;
    }

    /** A sign-in that has passed the password step. */
    record Pending(UUID userId, String username, Instant since, String enrolSecret) implements Serializable {
        boolean expired() {
            return since.plus(PENDING_FOR).isBefore(Instant.now());
        }
    }

    @GetMapping("/login")
    public String loginPage(@AuthenticationPrincipal SignedInUser me, Model model,
                            @RequestParam(name = "signed-out", required = false) String signedOut,
                            @RequestParam(required = false) String ended) {
        if (me != null) {
            return "redirect:/console";
        }
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("ended", ended != null);
        return "console/login";
    }

    @PostMapping("/login")
    public String login(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
                        HttpServletRequest request, HttpServletResponse response, Model model) {
        LoginService.PasswordResult result = logins.checkPassword(username, password);
        switch (result) {
            case LoginService.Refused r -> {
                return refuse(model, response, username, HttpStatus.UNAUTHORIZED, REFUSED);
            }
            case LoginService.Suspended s -> {
                return refuse(model, response, username, HttpStatus.FORBIDDEN,
                        "This account or its organisation is suspended. Please contact your administrator.");
            }
            case LoginService.PasswordOk ok -> {
                request.changeSessionId(); // a session fixed before the password step is worthless after it
                HttpSession session = request.getSession();
                switch (ok.next()) {
                    case TOTP -> {
                        session.setAttribute(PENDING, new Pending(ok.userId(), ok.username(), Instant.now(), null));
                        return "redirect:/console/login/totp";
                    }
                    case ENROL -> {
                        session.setAttribute(PENDING, new Pending(ok.userId(), ok.username(), Instant.now(), Totp.newSecret()));
                        return "redirect:/console/login/enrol";
                    }
                    default -> {
                        return complete(ok.userId(), request, response, model);
                    }
                }
            }
        }
    }

    @GetMapping("/login/totp")
    public String totpPage(HttpSession session, Model model) {
        Pending p = pending(session);
        if (p == null || p.enrolSecret() != null) {
            return "redirect:/console/login";
        }
        model.addAttribute("username", p.username());
        return "console/totp";
    }

    @PostMapping("/login/totp")
    public String totp(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
                       HttpServletResponse response, Model model) {
        Pending p = pending(request.getSession());
        if (p == null || p.enrolSecret() != null) {
            return "redirect:/console/login";
        }
        if (!logins.verifyTotp(p.userId(), code)) {
            if (logins.lockedOut(p.userId())) {
                request.getSession().removeAttribute(PENDING);
                return refuse(model, response, p.username(), HttpStatus.UNAUTHORIZED, REFUSED);
            }
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            model.addAttribute("username", p.username());
            model.addAttribute("error", "That code is not right, or it has been used already. Wait for the next code and try again.");
            return "console/totp";
        }
        return complete(p.userId(), request, response, model);
    }

    @GetMapping("/login/enrol")
    public String enrolPage(HttpSession session, Model model) {
        Pending p = pending(session);
        if (p == null || p.enrolSecret() == null) {
            return "redirect:/console/login";
        }
        enrolModel(model, p.username(), p.enrolSecret(), "/console/login/enrol", true);
        return "console/enrol";
    }

    @PostMapping("/login/enrol")
    public String enrol(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
                        HttpServletResponse response, Model model) {
        Pending p = pending(request.getSession());
        if (p == null || p.enrolSecret() == null) {
            return "redirect:/console/login";
        }
        if (!logins.enrol(p.userId(), p.enrolSecret(), code)) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            enrolModel(model, p.username(), p.enrolSecret(), "/console/login/enrol", true);
            model.addAttribute("error", "That code is not right. Check the key in your app and enter the current code.");
            return "console/enrol";
        }
        return complete(p.userId(), request, response, model);
    }

    @GetMapping("/account")
    public String account(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("section", "account");
        return "console/account";
    }

    /** Optional enrolment for roles that do not require a second factor. */
    @GetMapping("/account/totp")
    public String accountTotp(@AuthenticationPrincipal SignedInUser me, HttpSession session, Model model) {
        if (me.totpEnabled()) {
            return "redirect:/console/account";
        }
        String secret = (String) session.getAttribute(ACCOUNT_ENROL);
        if (secret == null) {
            secret = Totp.newSecret();
            session.setAttribute(ACCOUNT_ENROL, secret);
        }
        enrolModel(model, me.username(), secret, "/console/account/totp", false);
        return "console/enrol";
    }

    @PostMapping("/account/totp")
    public String accountTotpConfirm(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String code,
                                     HttpSession session, HttpServletResponse response, Model model,
                                     RedirectAttributes redirect) {
        String secret = (String) session.getAttribute(ACCOUNT_ENROL);
        if (me.totpEnabled() || secret == null) {
            return "redirect:/console/account";
        }
        if (!logins.enrol(me.userId(), secret, code)) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            enrolModel(model, me.username(), secret, "/console/account/totp", false);
            model.addAttribute("error", "That code is not right. Check the key in your app and enter the current code.");
            return "console/enrol";
        }
        session.removeAttribute(ACCOUNT_ENROL);
        redirect.addFlashAttribute("flash", "Two-step sign-in is on. You will need a code from your app at every sign-in.");
        return "redirect:/console/account";
    }

    @RequestMapping("/denied")
    public String denied(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("heading", "Not allowed");
        model.addAttribute("message", "Your role does not allow this, or the form had expired. Reload the page and try "
                + "again, or ask your administrator for access.");
        return "console/error";
    }

    private String complete(UUID userId, HttpServletRequest request, HttpServletResponse response, Model model) {
        HttpSession old = request.getSession();
        old.removeAttribute(PENDING);
        var user = users.signedIn(userId);
        if (user.isEmpty()) {
            return refuse(model, response, "", HttpStatus.FORBIDDEN,
                    "This account or its organisation is suspended. Please contact your administrator.");
        }
        String returnTo = (String) old.getAttribute(ConsoleSecurityConfig.RETURN_TO);
        old.removeAttribute(ConsoleSecurityConfig.RETURN_TO);
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(ConsoleSecurityContextRepository.authentication(user.get()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        boolean safe = returnTo != null && returnTo.startsWith("/console") && !returnTo.startsWith("/console/login")
                && !returnTo.contains("//") && !returnTo.contains("\\");
        return "redirect:" + (safe ? returnTo : "/console");
    }

    private static String refuse(Model model, HttpServletResponse response, String username, HttpStatus status,
                                 String message) {
        response.setStatus(status.value());
        model.addAttribute("username", username);
        model.addAttribute("error", message);
        return "console/login";
    }

    private static Pending pending(HttpSession session) {
        Pending p = (Pending) session.getAttribute(PENDING);
        if (p != null && p.expired()) {
            session.removeAttribute(PENDING);
            return null;
        }
        return p;
    }

    private static void enrolModel(Model model, String username, String secret, String action, boolean forced) {
        model.addAttribute("secretGrouped", Totp.grouped(secret));
        model.addAttribute("otpauthUri", Totp.uri(ISSUER, username, secret));
        model.addAttribute("action", action);
        model.addAttribute("forced", forced);
    }
}
