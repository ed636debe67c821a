package com.baedal.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and rules of the gateway itself.
 *
 * @param maxBodySize          largest request body accepted for {@code /api/**} (413 above it)
 * @param inspectedBodyMaxSize largest body of an engine task/filter query that the expression guard reads
 *                             (413 above it); such queries are small JSON documents
 * @param publicBaseUrl        the platform's public address (e.g. {@code https://baedal.example}); redirects of the
 *                             upstreams point there. Unset: they become relative. Never the request's Host.
 * @param serviceUsers         Camunda users that are internal service accounts (the workers' engine user): refused
 *                             on {@code /engine-rest} and on the webapp login, their credentials never forwarded
 * @param loginLimit           how many failed logins are tolerated before 429
 */
@ConfigurationProperties("baedal.gateway")
public record GatewayProperties(@DefaultValue("256KB") DataSize maxBodySize,
                                @DefaultValue("1MB") DataSize inspectedBodyMaxSize,
                                URI publicBaseUrl,
                                @DefaultValue("svc-workers") List<String> serviceUsers,
                                @DefaultValue LoginLimit loginLimit) {

    /**
     * Failed logins (HTTP Basic on {@code /engine-rest}, the webapps' login form) counted per client address and per
     * user name within a window that starts with the first failure.
     *
     * @param perClient failures from one address before its logins are refused with 429 until the window ends
     * @param perUser   failures for one user name (from anywhere) before its logins are refused; below Camunda's
     *                  own lockout (10 attempts by default), so guessing is slowed down before accounts lock
     * @param window    how long failures are remembered
     * @param maxTracked most addresses and names remembered at once (oldest forgotten first)
     */
    public record LoginLimit(@DefaultValue("20") int perClient, @DefaultValue("5") int perUser,
                             @DefaultValue("PT5M") Duration window, @DefaultValue("100000") long maxTracked) {
    }
}
