package dev.cairn.server.web;

/** One reason a request was refused, naming the JSON field by path ({@code items[3].value}). */
public record FieldError(String field, String reason) {
}
