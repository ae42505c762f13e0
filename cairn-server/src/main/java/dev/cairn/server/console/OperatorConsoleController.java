package dev.cairn.server.console;

import dev.cairn.server.participant.Participant;
import dev.cairn.server.participant.ParticipantService;
import dev.cairn.server.taxonomy.Category;
import dev.cairn.server.taxonomy.TaxonomyService;
import dev.cairn.server.user.SignedInUser;
import dev.cairn.server.web.FieldError;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The operator's pages: member participants and the taxonomy. The same checks as the API's operator endpoints. */
@Controller
@RequestMapping("/console/operator")
public class OperatorConsoleController {
    private final ParticipantService participants;
    private final TaxonomyService taxonomy;

    public OperatorConsoleController(ParticipantService participants, TaxonomyService taxonomy) {
        this.participants = participants;
        this.taxonomy = taxonomy;
    }

    @GetMapping("/participants")
    public String participants(@AuthenticationPrincipal SignedInUser me, Model model) {
        me.caller().requireOperator();
        model.addAttribute("section", "participants");
        model.addAttribute("participants", participants.list());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
            model.addAttribute("formErrors", Map.of());
        }
        return "console/participants";
    }

    @PostMapping("/participants")
    public String create(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String slug,
                         @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String contact,
                         Model model, HttpServletResponse response, RedirectAttributes redirect) {
        me.caller().requireOperator();
        List<FieldError> errors = new ArrayList<>();
        if (!ParticipantService.SLUG.matcher(slug.strip()).matches()) {
            errors.add(new FieldError("slug", "must be lower-case letters, digits and inner hyphens"));
        }
        if (name.isBlank() || name.length() > 200) {
            errors.add(new FieldError("name", "is required (at most 200 characters)"));
        }
        if (contact.length() > 320) {
            errors.add(new FieldError("contact", "must be at most 320 characters"));
        }
        if (!errors.isEmpty()) {
            response.setStatus(422);
            model.addAttribute("form", Map.of("slug", slug, "name", name, "contact", contact));
            model.addAttribute("formErrors", SubmitController.byFieldLoose(errors));
            return participants(me, model);
        }
        var created = participants.create(slug.strip(), name.strip(), contact.isBlank() ? null : contact.strip(), false);
        redirect.addFlashAttribute("flash", "Participant " + created.participant().name() + " created.");
        redirect.addFlashAttribute("secretLabel", "First admin API key of " + created.participant().slug());
        redirect.addFlashAttribute("secret", created.adminKey().secret());
        return "redirect:/console/operator/participants";
    }

    @PostMapping("/participants/{id}/suspend")
    public String suspend(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        me.caller().requireOperator();
        Participant p = participants.setStatus(id, Participant.Status.SUSPENDED);
        redirect.addFlashAttribute("flash", p.name() + " is suspended: its keys and users stop working at once.");
        return "redirect:/console/operator/participants";
    }

    @PostMapping("/participants/{id}/reactivate")
    public String reactivate(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        me.caller().requireOperator();
        Participant p = participants.setStatus(id, Participant.Status.ACTIVE);
        redirect.addFlashAttribute("flash", p.name() + " is active again.");
        return "redirect:/console/operator/participants";
    }

    @GetMapping("/taxonomy")
    public String taxonomy(@AuthenticationPrincipal SignedInUser me, Model model) {
        me.caller().requireOperator();
        model.addAttribute("section", "taxonomy");
        model.addAttribute("categories", taxonomy.list());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
            model.addAttribute("formErrors", Map.of());
        }
        return "console/taxonomy";
    }

    @PostMapping("/taxonomy")
    public String add(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String code,
                      @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
                      @RequestParam(name = "retention_days", defaultValue = "") String retention,
                      Model model, HttpServletResponse response, RedirectAttributes redirect) {
        me.caller().requireOperator();
        List<FieldError> errors = new ArrayList<>();
        String c = code.strip();
        if (!TaxonomyService.CODE.matcher(c).matches()) {
            errors.add(new FieldError("code", "must be upper-case letters, digits and underscores, starting with a letter"));
        }
        if (name.isBlank() || name.length() > 200) {
            errors.add(new FieldError("name", "is required (at most 200 characters)"));
        }
        if (description.isBlank() || description.length() > 2000) {
            errors.add(new FieldError("description", "is required (at most 2000 characters)"));
        }
        int days = 0;
        try {
            days = Integer.parseInt(retention.strip());
            if (days < 1 || days > 3650) {
                errors.add(new FieldError("retention_days", "must be between 1 and 3650"));
            }
        } catch (NumberFormatException e) {
            errors.add(new FieldError("retention_days", "must be a whole number of days"));
        }
        if (!errors.isEmpty()) {
            response.setStatus(422);
            model.addAttribute("form", Map.of("code", code, "name", name, "description", description,
                    "retention_days", retention));
            model.addAttribute("formErrors", SubmitController.byFieldLoose(errors));
            return taxonomy(me, model);
        }
        Category added = taxonomy.add(new Category(c, name.strip(), description.strip(), days, false));
        redirect.addFlashAttribute("flash", "Category " + added.code() + " added.");
        return "redirect:/console/operator/taxonomy";
    }

    @PostMapping("/taxonomy/{code}/deprecate")
    public String deprecate(@AuthenticationPrincipal SignedInUser me, @PathVariable String code,
                            RedirectAttributes redirect) {
        me.caller().requireOperator();
        Category c = taxonomy.deprecate(code);
        redirect.addFlashAttribute("flash", "Category " + c.code() + " is deprecated: new signals can no longer use it.");
        return "redirect:/console/operator/taxonomy";
    }

}
