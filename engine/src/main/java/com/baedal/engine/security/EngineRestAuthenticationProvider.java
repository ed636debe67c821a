package com.baedal.engine.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * HTTP Basic for the engine REST API, with the workers' service account kept apart from Camunda's users:
 * <ul>
 *   <li>people (owners, riders, operators) log in with their Camunda password, and Camunda's lockout protects
 *       them;</li>
 *   <li>the service account is no Camunda user: its secret comes from configuration and is compared here, without
 *       Camunda's login-attempt counter. Nobody can lock it out by guessing (which would stop every payment), and it
 *       cannot log into Tasklist or Cockpit;</li>
 *   <li>it is authenticated for the external-task API only ({@code /external-task/**}: fetch and lock, complete,
 *       failure, BPMN error, extend lock); any other engine resource answers 401 to it, so it reads no task or
 *       process variable outside what a fetch hands it.</li>
 *   <li>it belongs to no group and no tenant, and says so in its result: Camunda's filter would otherwise query both
 *       for every worker call (two more transactions per fetch, complete and failure).</li>
 * </ul>
 */
class EngineRestAuthenticationProvider extends HttpBasicAuthenticationProvider {

    /** The external-task resource of the default or a named engine, relative to the REST root. */
    private static final Pattern EXTERNAL_TASK_API = Pattern.compile("^/(engine/[^/]+/)?external-task(/.*)?$");

    private final String restPath;
    private final String serviceUser;
    private final byte[] serviceSecretDigest;

    EngineRestAuthenticationProvider(String restPath, String serviceUser, String serviceSecret) {
        this.restPath = restPath;
        this.serviceUser = serviceUser;
        this.serviceSecretDigest = serviceSecret == null || serviceSecret.isEmpty() ? null : sha256(serviceSecret);
    }

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        AuthenticationResult result = super.extractAuthenticatedUser(request, engine);
        if (result.isAuthenticated() && isServiceUser(result.getAuthenticatedUser())) {
            if (!EXTERNAL_TASK_API.matcher(pathWithinRestApi(request)).matches()) {
                return AuthenticationResult.unsuccessful(result.getAuthenticatedUser());
            }
            result.setGroups(List.of());
            result.setTenants(List.of());
        }
        return result;
    }

    @Override
    protected boolean isAuthenticated(ProcessEngine engine, String userName, String password) {
        if (isServiceUser(userName)) {
            return serviceSecretDigest != null && password != null
                    && MessageDigest.isEqual(serviceSecretDigest, sha256(password));
        }
        return super.isAuthenticated(engine, userName, password);
    }

    private boolean isServiceUser(String userName) {
        return serviceUser != null && !serviceUser.isEmpty() && serviceUser.equals(userName);
    }

    /** The container's decoded and normalised path below the REST root ({@code /external-task/fetchAndLock}). */
    private String pathWithinRestApi(HttpServletRequest request) {
        if (request.getPathInfo() != null) {
            return request.getPathInfo();
        }
        String path = request.getServletPath();
        return path.startsWith(restPath) ? path.substring(restPath.length()) : path;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
