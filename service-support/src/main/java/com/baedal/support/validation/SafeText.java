package com.baedal.support.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Text a person could have typed: no control characters (NUL, the C0 and C1 ranges, DEL) and no unpaired UTF-16
 * surrogates. PostgreSQL refuses NUL in text columns, terminals and logs interpret the others, and no field of our
 * API has a use for them. Line breaks and tabs are allowed only with {@link #multiline()} (a reason a store owner
 * writes). {@code null} is valid (combine with {@code @NotBlank} where a value is required).
 */
@Documented
@Constraint(validatedBy = SafeTextValidator.class)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface SafeText {

    String message() default "must not contain control characters";

    /** Whether line feeds, carriage returns and tabs are allowed. */
    boolean multiline() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
