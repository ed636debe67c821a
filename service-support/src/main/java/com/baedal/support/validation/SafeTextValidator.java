package com.baedal.support.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link SafeText}. */
public class SafeTextValidator implements ConstraintValidator<SafeText, CharSequence> {

    private boolean multiline;

    @Override
    public void initialize(SafeText annotation) {
        multiline = annotation.multiline();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value == null || isSafe(value, multiline);
    }

    /** Whether {@code value} has no control character (line breaks and tabs allowed when multiline). */
    public static boolean isSafe(CharSequence value, boolean multiline) {
        return value.codePoints().allMatch(codePoint -> {
            if (multiline && (codePoint == '\n' || codePoint == '\r' || codePoint == '\t')) {
                return true;
            }
            int type = Character.getType(codePoint);
            return type != Character.CONTROL && type != Character.SURROGATE;
        });
    }
}
