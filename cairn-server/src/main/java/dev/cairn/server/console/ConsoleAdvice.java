package dev.cairn.server.console;

import dev.cairn.server.user.SignedInUser;
import dev.cairn.server.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import java.util.List;

/**
 * What every console page needs (the signed-in user, the CSRF header for htmx), and refusals from the feature
 * services rendered as pages instead of the API's problem JSON. Ordered first so it wins over the API's handler for
 * console controllers.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsoleAdvice {
    private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

    @ModelAttribute
    public void common(Model model, @AuthenticationPrincipal SignedInUser me, HttpServletRequest request) {
        model.addAttribute("me", me);
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        if (token != null) {
            // htmx sends this header on every request it makes (hx-headers on <body>)
            model.addAttribute("csrfHeaders", "{\"" + token.getHeaderName() + "\": \"" + token.getToken() + "\"}");
        }
    }

    @ExceptionHandler(ApiException.class)
    public ModelAndView refused(ApiException e, HttpServletRequest request) {
        String heading = switch (e.status().value()) {
            case 404 -> "Not found";
            case 403 -> "Not allowed";
            case 409 -> "Could not do that";
            case 422, 400 -> "Please check the input";
            default -> "Something went wrong";
        };
        return page(request, e.status(), heading, e.getMessage(), e.errors());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ModelAndView badPath(HttpServletRequest request) {
        return page(request, HttpStatus.NOT_FOUND, "Not found", "There is nothing at this address.", List.of());
    }

    @ExceptionHandler(Exception.class)
    public ModelAndView unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse || e instanceof org.springframework.security.access.AccessDeniedException) {
            throw e; // Spring MVC's and Spring Security's own handling is right for these
        }
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return page(request, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
                "An internal error occurred. Please try again; if it persists, tell your administrator the time it happened.",
                List.of());
    }

    static ModelAndView page(HttpServletRequest request, HttpStatus status, String heading, String message,
                             List<?> errors) {
        ModelAndView mv = new ModelAndView(ConsoleSecurityConfig.htmx(request) ? "console/error :: message" : "console/error");
        mv.setStatus(status);
        mv.addObject("heading", heading);
        mv.addObject("message", message);
        mv.addObject("errors", errors);
        return mv;
    }
}
