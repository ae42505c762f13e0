package dev.cairn.server.console;

import dev.cairn.server.participant.Participant;
import dev.cairn.server.participant.ParticipantService;
import dev.cairn.server.sharing.SharingGroups;
import dev.cairn.server.user.SignedInUser;
import dev.cairn.server.web.ApiException;
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

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operator's sharing groups: list, create, add and remove members. The rules (name, membership) are
 * {@link SharingGroups}'s, the same as for {@code /api/v1/sharing-groups}; this class only turns them into pages.
 */
@Controller
@RequestMapping("/console/operator/sharing-groups")
public class SharingGroupsConsoleController {
    private static final String PAGE = "redirect:/console/operator/sharing-groups";

    private final SharingGroups groups;
    private final ParticipantService participants;

    public SharingGroupsConsoleController(SharingGroups groups, ParticipantService participants) {
        this.groups = groups;
        this.participants = participants;
    }

    /** A group as the page shows it: members by name, and the participants that could still join. */
    public record Row(UUID id, String name, String description, List<Participant> members, List<Participant> others) {
    }

    @GetMapping
    public String list(@AuthenticationPrincipal SignedInUser me, Model model) {
        me.caller().requireOperator();
        List<Participant> all = participants.list();
        Map<UUID, Participant> byId = all.stream().collect(Collectors.toMap(Participant::id, Function.identity()));
        List<Row> rows = groups.list(me.participantId(), true).stream().map(g -> new Row(g.id(), g.name(),
                g.description(), g.members().stream().map(byId::get).filter(p -> p != null).toList(),
                all.stream().filter(p -> !g.members().contains(p.id())).toList())).toList();
        model.addAttribute("section", "sharing-groups");
        model.addAttribute("groups", rows);
        model.addAttribute("participants", all);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
            model.addAttribute("chosen", List.of());
            model.addAttribute("formErrors", Map.of());
        }
        return "console/sharing-groups";
    }

    @PostMapping
    public String create(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String name,
                         @RequestParam(defaultValue = "") String description,
                         @RequestParam(required = false) List<UUID> members,
                         Model model, HttpServletResponse response, RedirectAttributes redirect) {
        me.caller().requireOperator();
        List<UUID> chosen = members == null ? List.of() : members;
        try {
            SharingGroups.Group g = groups.create(name, description.isBlank() ? null : description.strip(), chosen);
            redirect.addFlashAttribute("flash", "Sharing group " + g.name() + " created with " + g.members().size()
                    + " member" + (g.members().size() == 1 ? "" : "s") + ".");
            return PAGE;
        } catch (ApiException e) {
            List<FieldError> errors = e.errors();
            if ("group-exists".equals(e.slug())) {
                errors = List.of(new FieldError("name", "is already the name of another sharing group"));
            } else if (errors.isEmpty()) {
                throw e;
            }
            // the console answers a form it cannot accept with 422 and the form again, whatever the API says
            response.setStatus(422);
            model.addAttribute("form", Map.of("name", name, "description", description));
            model.addAttribute("chosen", chosen);
            model.addAttribute("formErrors", SubmitController.byFieldLoose(errors));
            return list(me, model);
        }
    }

    @PostMapping("/{id}/members")
    public String addMember(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id,
                            @RequestParam(name = "participant_id", required = false) UUID participant,
                            RedirectAttributes redirect) {
        me.caller().requireOperator();
        if (participant == null) {
            throw ApiException.invalid("participant_id", "choose a participant to add");
        }
        SharingGroups.Group g = groups.addMember(id, participant);
        redirect.addFlashAttribute("flash", name(participant) + " is now a member of " + g.name() + ".");
        return PAGE;
    }

    @PostMapping("/{id}/members/{participantId}/remove")
    public String removeMember(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id,
                               @PathVariable UUID participantId, RedirectAttributes redirect) {
        me.caller().requireOperator();
        SharingGroups.Group g = groups.removeMember(id, participantId);
        redirect.addFlashAttribute("flash", name(participantId) + " is no longer a member of " + g.name()
                + ": it stops seeing the group's signals at once.");
        return PAGE;
    }

    private String name(UUID participant) {
        return participants.find(participant).map(Participant::name).orElse("The participant");
    }
}
