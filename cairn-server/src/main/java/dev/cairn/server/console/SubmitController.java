package dev.cairn.server.console;

import dev.cairn.core.signal.SignalType;
import dev.cairn.server.CairnProperties;
import dev.cairn.server.sharing.SharingGroups;
import dev.cairn.server.signal.Signal;
import dev.cairn.server.signal.SignalReader;
import dev.cairn.server.signal.SignalService;
import dev.cairn.server.signal.Visibility;
import dev.cairn.server.support.Db;
import dev.cairn.server.taxonomy.TaxonomyService;
import dev.cairn.server.user.SignedInUser;
import dev.cairn.server.web.ApiException;
import dev.cairn.server.web.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sharing signals from the console: one at a time with validation as you type, or a file with a preview. Both go
 * through {@link SignalReader} to check and {@link SignalService#submit} to store, exactly as the API does; a file is
 * stored all or nothing.
 */
@Controller
@RequestMapping("/console")
public class SubmitController {
    static final String BULK = "cairn.console.bulk-upload";

    private final SignalService signals;
    private final SignalReader reader;
    private final SignalForms forms;
    private final TaxonomyService taxonomy;
    private final SharingGroups groups;
    private final ObjectMapper json;
    private final int maxRows;

    public SubmitController(SignalService signals, SignalReader reader, SignalForms forms, TaxonomyService taxonomy,
                            SharingGroups groups, ObjectMapper json, CairnProperties properties) {
        this.groups = groups;
        this.signals = signals;
        this.reader = reader;
        this.forms = forms;
        this.taxonomy = taxonomy;
        this.json = json;
        this.maxRows = properties.maxBatchItems();
    }

    /** The form as typed, to show it again with its errors. */
    public record Form(String type, String value, List<String> categories, String confidence, String description,
                       String platform, String validUntil, String visibility, String sharingGroup) {
        static Form empty() {
            return new Form("", "", List.of(), "50", "", "", "", Visibility.ALL.name(), "");
        }

        /**
         * The API item. The group select is always on the page, so a group left chosen under another visibility is
         * dropped here rather than refused; everything else goes to the reader as typed.
         */
        JsonNode item(SignalForms forms) {
            boolean group = Visibility.GROUP.name().equalsIgnoreCase(visibility.strip());
            return forms.signal(type, value, categories, confidence, description, platform, validUntil, visibility,
                    group ? sharingGroup : null);
        }
    }

    /** The visibility choices in the order the form offers them, in words. */
    public record VisibilityChoice(String value, String label, String hint) {
    }

    static final List<VisibilityChoice> VISIBILITIES = List.of(
            new VisibilityChoice("ALL", "All members", "Every participant of the exchange can match it."),
            new VisibilityChoice("GROUP", "A sharing group", "Only the members of the group you choose below."),
            new VisibilityChoice("PRIVATE", "Only my organisation", "A private list: it matches your own look-ups only."));

    @GetMapping("/submit")
    public String submitPage(@AuthenticationPrincipal SignedInUser me, Model model) {
        formModel(me, model, Form.empty(), Map.of());
        return "console/submit";
    }

    /** Validation as you type: the errors for the field being edited, as a fragment. */
    @PostMapping("/submit/validate")
    public String validate(@AuthenticationPrincipal SignedInUser me, HttpServletRequest request,
                           @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String value,
                           @RequestParam(required = false) List<String> categories,
                           @RequestParam(defaultValue = "") String confidence,
                           @RequestParam(defaultValue = "") String description,
                           @RequestParam(defaultValue = "") String platform,
                           @RequestParam(name = "valid_until", defaultValue = "") String validUntil,
                           @RequestParam(defaultValue = "ALL") String visibility,
                           @RequestParam(name = "sharing_group", defaultValue = "") String sharingGroup, Model model) {
        me.caller().require(dev.cairn.server.auth.Scope.WRITE);
        String field = request.getHeader("HX-Trigger-Name");
        if (field == null || !SignalFormFields.NAMES.contains(field)) {
            field = "value";
        }
        boolean typeChanged = field.equals("type");
        if (typeChanged) {
            field = "value"; // a new type changes whether the value is valid; a chosen type is never wrong itself
        }
        boolean visibilityChanged = field.equals("visibility");
        if (visibilityChanged) {
            field = "sharing_group"; // likewise: choosing "a sharing group" makes the group's field the one to check
        }
        Form form = new Form(type, value, categories, confidence, description, platform, validUntil, visibility,
                sharingGroup);
        List<FieldError> errors = new ArrayList<>();
        // with the owner, so that a group the participant is not in is refused as you choose it, as on submit
        reader.read(form.item(forms), "", errors, Db.now(), null, me.participantId());
        model.addAttribute("field", field);
        // choosing a type before typing the value is the normal order: no "is required" for a value not typed yet;
        // the same for choosing "a sharing group" before the group
        boolean notYet = typeChanged && value.isBlank() || visibilityChanged && sharingGroup.isBlank();
        model.addAttribute("message", notYet ? null : byField(errors).get(field));
        return "console/submit :: field-error";
    }

    @PostMapping("/submit")
    public String submit(@AuthenticationPrincipal SignedInUser me,
                         @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String value,
                         @RequestParam(required = false) List<String> categories,
                         @RequestParam(defaultValue = "") String confidence,
                         @RequestParam(defaultValue = "") String description,
                         @RequestParam(defaultValue = "") String platform,
                         @RequestParam(name = "valid_until", defaultValue = "") String validUntil,
                         @RequestParam(defaultValue = "ALL") String visibility,
                         @RequestParam(name = "sharing_group", defaultValue = "") String sharingGroup,
                         Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Form form = new Form(type, value, categories == null ? List.of() : categories, confidence, description,
                platform, validUntil, visibility, sharingGroup);
        try {
            Signal s = signals.submit(me.caller(), List.of(form.item(forms)), "", null).getFirst();
            redirect.addFlashAttribute("flash", "Signal shared. " + switch (s.visibility()) {
                case ALL -> "Other members' look-ups can match it from now on.";
                case GROUP -> "The members of the sharing group can match it from now on.";
                case PRIVATE -> "Only your organisation's look-ups can match it.";
            });
            return "redirect:/console/signals/" + s.id();
        } catch (ApiException e) {
            if (e.errors().isEmpty()) {
                throw e;
            }
            response.setStatus(e.status().value());
            formModel(me, model, form, byField(e.errors()));
            return "console/submit";
        }
    }

    @GetMapping("/bulk")
    public String bulkPage(@AuthenticationPrincipal SignedInUser me, Model model) {
        bulkModel(me, model);
        return "console/bulk";
    }

    /** One previewed row: where it is in the file, what it would share (masked), and what is wrong with it. */
    public record PreviewRow(int line, String type, String value, String categories, String confidence,
                             String visibility, List<String> problems) {
    }

    /** Rows checked and ready to share, kept in the session between preview and commit. */
    record Pending(String token, String filename, List<String> items) implements Serializable {
    }

    @PostMapping("/bulk/preview")
    public String preview(@AuthenticationPrincipal SignedInUser me, @RequestParam("file") MultipartFile file,
                          HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        me.caller().require(dev.cairn.server.auth.Scope.WRITE);
        HttpSession session = request.getSession();
        session.removeAttribute(BULK);
        List<SharingGroups.Group> mine = bulkModel(me, model);
        model.addAttribute("filename", file.getOriginalFilename());
        BulkFile.Parsed parsed = file.isEmpty() ? new BulkFile.Parsed(List.of(), "Choose a file to upload.")
                : BulkFile.parse(file.getOriginalFilename(), file.getBytes(), forms, json, maxRows);
        if (parsed.problem() != null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("fileProblem", parsed.problem());
            return view(request, "console/bulk");
        }
        Instant now = Db.now();
        Map<String, String> groupNames = new java.util.HashMap<>();
        mine.forEach(g -> groupNames.put(g.id().toString(), g.name()));
        List<PreviewRow> rows = new ArrayList<>();
        int bad = 0;
        for (BulkFile.Row row : parsed.rows()) {
            List<String> problems = new ArrayList<>();
            if (row.problem() != null) {
                problems.add("Line " + row.line() + " " + row.problem());
            } else {
                List<FieldError> errors = new ArrayList<>();
                // with the owner: a group the participant is not in fails here, row by row, as it would on commit
                reader.read(row.item(), "", errors, now, null, me.participantId());
                errors.forEach(e -> problems.add(e.field() + ": " + e.reason()));
            }
            if (!problems.isEmpty()) {
                bad++;
            }
            rows.add(previewRow(groupNames, row, problems));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("bad", bad);
        if (bad > 0) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        } else {
            String token = UUID.randomUUID().toString();
            session.setAttribute(BULK, new Pending(token, file.getOriginalFilename(),
                    parsed.rows().stream().map(r -> r.item().toString()).toList()));
            model.addAttribute("token", token);
        }
        return view(request, "console/bulk");
    }

    @PostMapping("/bulk/commit")
    public String commit(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String token,
                         HttpSession session, RedirectAttributes redirect) {
        Pending pending = (Pending) session.getAttribute(BULK);
        if (pending == null || !pending.token().equals(token)) {
            redirect.addFlashAttribute("flash", "That upload is no longer waiting to be shared. Upload the file again.");
            return "redirect:/console/bulk";
        }
        List<JsonNode> items = pending.items().stream().map(json::readTree).toList();
        List<Signal> created = signals.submit(me.caller(), items, "[%d]", null);
        session.removeAttribute(BULK);
        redirect.addFlashAttribute("flash", "Shared " + created.size() + " signal" + (created.size() == 1 ? "" : "s")
                + " from " + pending.filename() + ".");
        return "redirect:/console/signals?owner=me";
    }

    private PreviewRow previewRow(Map<String, String> groupNames, BulkFile.Row row, List<String> problems) {
        if (row.item() == null) {
            return new PreviewRow(row.line(), "", "", "", "", "", problems);
        }
        JsonNode n = row.item();
        String typeName = text(n, "type");
        SignalType type = SignalType.parse(typeName);
        String value = text(n, "value");
        String shown = type == null || value.isEmpty() ? (value.isEmpty() ? "" : ValueMask.DOTS)
                : ValueMask.mask(type, n.has("blinded") && n.get("blinded").asBoolean(), value);
        List<String> cats = new ArrayList<>();
        if (n.has("categories") && n.get("categories").isArray()) {
            n.get("categories").forEach(c -> cats.add(c.asString()));
        }
        String visibility = text(n, "visibility").toUpperCase(java.util.Locale.ROOT);
        String group = text(n, "sharing_group");
        if (!group.isEmpty()) {
            // the group's name when the participant is in it; the reader has already said so when it is not
            visibility = visibility + " " + groupNames.getOrDefault(group, "");
        }
        return new PreviewRow(row.line(), typeName, shown, String.join(", ", cats), text(n, "confidence"),
                visibility.isBlank() ? "ALL" : visibility.strip(), problems);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.isString() ? v.stringValue() : v.toString();
    }

    private static String view(HttpServletRequest request, String page) {
        return ConsoleSecurityConfig.htmx(request) ? page + " :: result" : page;
    }

    /** What the bulk page always shows; returns the caller's sharing groups, which it lists. */
    private List<SharingGroups.Group> bulkModel(SignedInUser me, Model model) {
        List<SharingGroups.Group> mine = groups.list(me.participantId(), false);
        model.addAttribute("section", "bulk");
        model.addAttribute("groups", mine);
        model.addAttribute("columns", String.join(",", BulkFile.COLUMNS));
        model.addAttribute("maxRows", maxRows);
        return mine;
    }

    private void formModel(SignedInUser me, Model model, Form form, Map<String, String> errors) {
        model.addAttribute("section", "submit");
        model.addAttribute("visibilities", VISIBILITIES);
        model.addAttribute("groups", groups.list(me.participantId(), false));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("types", SignalType.values());
        model.addAttribute("categories", taxonomy.list().stream().filter(c -> !c.deprecated()).toList());
    }

    /** The first error of each field, whatever the form; {@code categories[2]} belongs to {@code categories}. */
    static Map<String, String> byFieldLoose(List<FieldError> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FieldError e : errors) {
            int bracket = e.field().indexOf('[');
            out.putIfAbsent(bracket > 0 ? e.field().substring(0, bracket) : e.field(), e.reason());
        }
        return out;
    }

    /** The first error of each form field; {@code categories[2]} belongs to the categories field. */
    static Map<String, String> byField(List<FieldError> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FieldError e : errors) {
            String f = e.field();
            int bracket = f.indexOf('[');
            if (bracket > 0) {
                f = f.substring(0, bracket);
            }
            out.putIfAbsent(SignalFormFields.NAMES.contains(f) ? f : "form", e.reason());
        }
        return out;
    }
}
