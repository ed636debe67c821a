package com.baedal.engine.web;

/** One entry of the {@code errors} property of a 400 problem: which field and what is wrong with it. */
public record FieldMessage(String field, String message) {
}
