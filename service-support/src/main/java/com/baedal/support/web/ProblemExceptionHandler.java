package com.baedal.support.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one exception advice of the servlet services (engine, workers, read-model), registered by
 * {@link WebProblemsAutoConfiguration}: every error a controller lets out becomes {@code application/problem+json}
 * through {@link Problems}.
 * <ul>
 *   <li>{@link ApiProblem}s (and Spring's own {@code ErrorResponse}s: method not allowed, unsupported media type,
 *       missing parameter...) keep their status; Spring's {@code about:blank} gets the type of its status;</li>
 *   <li>what the client sent wrong is 400 with {@code errors: [{field, message}]}: bean validation of bodies,
 *       parameters and headers, a body of the wrong JSON shape or type, a parameter of the wrong type, and
 *       characters the firewall refuses;</li>
 *   <li>anything else is our bug: 500 that says nothing about it (the log has the stack trace).</li>
 * </ul>
 * No answer echoes a Java class name, a parser message or SQL.
 */
@RestControllerAdvice
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldMessage> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldMessage(error.getField(), error.getDefaultMessage()));
        }
        for (ObjectError error : ex.getBindingResult().getGlobalErrors()) {
            errors.add(new FieldMessage(error.getObjectName(), error.getDefaultMessage()));
        }
        return invalid(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldMessage> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = parameterName(result.getMethodParameter().getParameterName(), result.getMethodParameter()
                    .getParameterAnnotations());
            result.getResolvableErrors().forEach(error -> errors.add(new FieldMessage(
                    error instanceof FieldError fieldError ? fieldError.getField() : name,
                    error.getDefaultMessage())));
        });
        return invalid(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return invalid(ex, List.of(new FieldMessage(jsonPath(mapping.getPath()), wrongValue(mapping))),
                    headers, request);
        }
        String detail = ex.getCause() instanceof JsonProcessingException
                ? "The request body is not valid JSON."
                : "The request body is missing or cannot be read.";
        return handleExceptionInternal(ex, Problems.of(HttpStatus.BAD_REQUEST, "malformed-body",
                "Malformed request body", detail), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException argument
                ? parameterName(argument.getName(), argument.getParameter().getParameterAnnotations())
                : ex.getPropertyName();
        return invalid(ex, List.of(new FieldMessage(name == null ? "(parameter)" : name,
                expected(ex.getRequiredType()))), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(ex, Problems.forStatus(HttpStatus.NOT_FOUND, "Nothing answers at this path."),
                headers, HttpStatus.NOT_FOUND, request);
    }

    /** Method validation of a {@code @Validated} bean (outside Spring MVC's own parameter validation). */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<FieldMessage> errors = ex.getConstraintViolations().stream()
                .map(violation -> new FieldMessage(lastNode(violation.getPropertyPath()), violation.getMessage()))
                .toList();
        return invalid(ex, errors, new HttpHeaders(), request);
    }

    /** The firewall's refusal of a parameter or header read lazily inside a controller. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> handleRequestRejected(RequestRejectedException ex, WebRequest request) {
        return handleExceptionInternal(ex, RejectedRequests.problem(), new HttpHeaders(), HttpStatus.BAD_REQUEST,
                request);
    }

    /** Method security inside controllers: 403 (the filter chain answers unauthenticated calls itself). */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex, WebRequest request) {
        return handleExceptionInternal(ex, Problems.forStatus(HttpStatus.FORBIDDEN, "You are not allowed to do this."),
                new HttpHeaders(), HttpStatus.FORBIDDEN, request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> handleAuthentication(AuthenticationException ex, WebRequest request) {
        return handleExceptionInternal(ex, Problems.forStatus(HttpStatus.UNAUTHORIZED, "Authentication required."),
                new HttpHeaders(), HttpStatus.UNAUTHORIZED, request);
    }

    /** Our own bug: logged with its stack trace, answered without a word about it. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        log.error("Unexpected error answering {}", request.getDescription(false), ex);
        return handleExceptionInternal(ex, Problems.internalError(), new HttpHeaders(),
                HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : Problems.forStatus(statusCode, statusCode.is5xxServerError() ? Problems.INTERNAL_ERROR_DETAIL
                        : "The request cannot be answered.");
        if (request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
            ProblemResponses.complete(problem, servletRequest, servletRequest.getRequestURI());
        } else {
            Problems.typed(problem);
        }
        return super.createResponseEntity(problem, headers, statusCode, request);
    }

    private ResponseEntity<Object> invalid(Exception ex, List<FieldMessage> errors, HttpHeaders headers,
                                           WebRequest request) {
        return handleExceptionInternal(ex, Problems.invalidRequest(errors), headers, HttpStatus.BAD_REQUEST,
                request);
    }

    /** The name the client used: the header, parameter or path variable name where the annotation gives one. */
    private static String parameterName(String javaName, Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            String name = "";
            if (annotation instanceof RequestHeader header) {
                name = header.name().isEmpty() ? header.value() : header.name();
            } else if (annotation instanceof RequestParam param) {
                name = param.name().isEmpty() ? param.value() : param.name();
            } else if (annotation instanceof PathVariable variable) {
                name = variable.name().isEmpty() ? variable.value() : variable.name();
            }
            if (!name.isEmpty()) {
                return name;
            }
        }
        return javaName;
    }

    /** {@code items[0].quantity} from Jackson's reference path. */
    static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "(body)" : field.toString();
    }

    private static String wrongValue(JsonMappingException mapping) {
        if (mapping instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (mapping instanceof MismatchedInputException mismatch) {
            return expected(mismatch.getTargetType());
        }
        return mapping.getCause() instanceof InputCoercionException ? "is out of range" : "has the wrong type";
    }

    /** What a value of {@code type} looks like, in words a client understands. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Object::toString).toList();
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "must be a whole number within range";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "must be a string";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return "must be an object of the documented shape";
    }

    private static String lastNode(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name == null ? path.toString() : name;
    }
}
