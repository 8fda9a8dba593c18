package dev.tracer.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the web mode ({@code tracer.web.*}).
 *
 * @param maxBodySize the largest request body accepted, raw or after gzip decompression; larger ones
 * are answered 413
 */
@ConfigurationProperties("tracer.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxBodySize) {
}
