package org.convene.support.text;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A name, title, subject or other one-line value: no line breaks or other control characters, no
 * hidden direction or formatting characters, no markup. See {@link TextPolicy}; {@code null} is
 * valid (pair with {@code @NotBlank} where the value is required).
 */
@Documented
@Constraint(validatedBy = SingleLineText.Validator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface SingleLineText {

    String message() default "must be a single line of plain text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reports the policy's own words (which rule was broken), not the generic message. */
    class Validator implements ConstraintValidator<SingleLineText, CharSequence> {

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return TextPolicyViolations.report(TextPolicy.singleLine(value), context);
        }
    }
}
