package dev.tracer.intake;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the web mode ({@code tracer.web.*}).
 *
 * @param maxBodySize the largest request body accepted, raw or after gzip decompression; larger ones
 * are answered 413
 * @param allowedHosts names (or addresses) by which this server is reached besides localhost, the loopback
 * addresses and this machine's own names and addresses, e.g. a container's service name or a proxy's
 * name; {@code *} accepts every host. A request whose {@code Host} is none of these is answered 421
 * (dev.tracer.web.AllowedHosts; docs/security.md)
 */
@ConfigurationProperties("tracer.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue List<String> allowedHosts) {
}
