package com.baedal.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the gateway itself.
 *
 * @param maxBodySize          largest request body accepted for {@code /api/**} (413 above it)
 * @param inspectedBodyMaxSize largest body of an engine task/filter query that the expression guard reads
 *                             (413 above it); such queries are small JSON documents
 */
@ConfigurationProperties("baedal.gateway")
public record GatewayProperties(@DefaultValue("256KB") DataSize maxBodySize,
                                @DefaultValue("1MB") DataSize inspectedBodyMaxSize) {
}
