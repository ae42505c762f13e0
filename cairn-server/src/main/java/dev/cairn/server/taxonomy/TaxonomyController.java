package dev.cairn.server.taxonomy;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.web.ApiException;
import dev.cairn.server.web.FieldError;
import dev.cairn.server.web.JsonFields;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RestController
@RequestMapping("/api/v1/taxonomy")
public class TaxonomyController {
    private final TaxonomyService taxonomy;

    public TaxonomyController(TaxonomyService taxonomy) {
        this.taxonomy = taxonomy;
    }

    @GetMapping
    public Map<String, Object> list(@AuthenticationPrincipal Caller caller) {
        caller.require(Scope.READ);
        return Map.of("categories", taxonomy.list());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Category add(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        caller.requireOperator();
        List<FieldError> errors = new ArrayList<>();
        JsonFields f = JsonFields.of(body, "", errors, Set.of("code", "name", "description", "retention_days"));
        String code = f.string("code", true, 64);
        String name = f.string("name", true, 200);
        String description = f.string("description", true, 2000);
        Integer retention = f.integer("retention_days", true, 1, 3650);
        if (code != null && !TaxonomyService.CODE.matcher(code).matches()) {
            f.reject("code", "must be upper-case letters, digits and underscores, starting with a letter");
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return taxonomy.add(new Category(code, name.strip(), description.strip(), retention, false));
    }

    @PostMapping("/{code}/deprecate")
    public Category deprecate(@AuthenticationPrincipal Caller caller, @PathVariable String code) {
        caller.requireOperator();
        return taxonomy.deprecate(code);
    }
}
