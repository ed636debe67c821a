package com.baedal.support.web;

import java.util.Comparator;

/** One entry of the {@code errors} property of a 400 problem: which field and what is wrong with it. */
public record FieldMessage(String field, String message) implements Comparable<FieldMessage> {

    private static final Comparator<FieldMessage> ORDER = Comparator.comparing(FieldMessage::field)
            .thenComparing(FieldMessage::message);

    @Override
    public int compareTo(FieldMessage other) {
        return ORDER.compare(this, other);
    }
}
