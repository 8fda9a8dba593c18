package dev.tracer.demo;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import net.ttddyy.observation.tracing.ConnectionTracingObservationHandler;
import net.ttddyy.observation.tracing.DataSourceBaseContext;
import net.ttddyy.observation.tracing.QueryTracingObservationHandler;
import net.ttddyy.observation.tracing.ResultSetTracingObservationHandler;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.web.client.RestClient;

/**
 * The two demo services: the frontend calls the backend, which reads its database and calls a third
 * party. Each is a profile; with neither given, {@code main} starts both.
 *
 * <pre>
 * frontend --traceparent--> backend --JDBC--> H2 "inventory"        (embedded, untraced)
 *                                   --HTTP--> exchange-rate API      (untraced stand-in, or tracer.demo.third-party-url)
 * </pre>
 *
 * Only the backend has a database, and it makes its own {@link DataSource} here rather than through
 * Boot's auto-configuration (which {@code application.yml} excludes): so the frontend has none, and
 * the backend has one even in a test slice without auto-configuration. Where auto-configuration runs,
 * datasource-micrometer wraps it, and every connection, query and result set becomes an observation
 * and a client span.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DemoProperties.class)
@Import({ FrontendController.class, BackendController.class })
public class DemoConfiguration {

	private static final Log log = LogFactory.getLog(DemoConfiguration.class);

	/** The pool's name, which datasource-micrometer makes the spans' remote service name. */
	static final String DATABASE = "inventory";

	private static final int JDBC_HANDLER_ORDER = MicrometerTracingAutoConfiguration.SENDER_TRACING_OBSERVATION_HANDLER_ORDER - 1;

	private static final String SCHEMA = "classpath:dev/tracer/demo/inventory.sql";

	/**
	 * From Boot's builder, which carries the tracing observation (the client span, whose headers
	 * {@code W3CPropagator} writes) and the {@code spring.http.clients.*} timeouts;
	 * {@code RestClient.create()} would have neither.
	 */
	@Bean
	@Profile("frontend")
	RestClient downstream(RestClient.Builder builder, DemoProperties properties) {
		// the demo's ?propagation= modes break the context on purpose, after the observation wrote it
		return builder.baseUrl(properties.downstream().toString())
			.requestInterceptor(new PropagationFault.Interceptor())
			.build();
	}

	/** Boot's {@code spring.datasource.*} settings, read from {@code tracer.demo.datasource.*}: unset, an embedded H2. */
	@Bean
	@Profile("backend")
	@ConfigurationProperties("tracer.demo.datasource")
	DataSourceProperties inventoryProperties() {
		return new DataSourceProperties();
	}

	/**
	 * A Hikari pool, as Boot would make one, named {@value #DATABASE}. An embedded database gets its
	 * table and rows here, before datasource-micrometer wraps the pool, so that starting makes no span.
	 */
	@Bean
	@Profile("backend")
	DataSource inventory(DataSourceProperties inventoryProperties) {
		HikariDataSource pool = inventoryProperties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		pool.setPoolName(DATABASE);
		DatabaseInitializationSettings schema = new DatabaseInitializationSettings();
		schema.setSchemaLocations(List.of(SCHEMA));
		new DataSourceScriptDatabaseInitializer(pool, schema).initializeDatabase();
		return pool;
	}

	/**
	 * The backend's calls outside any trace are not observed: the actuator's database health check, run
	 * by every probe, and the warm-up at start. Each would otherwise be a trace of one client span that
	 * nobody asked for.
	 */
	@Bean
	@Profile("backend")
	ObservationPredicate callsOnlyWithinATrace(ObjectProvider<Tracer> tracer) {
		return (name, context) -> !(context instanceof DataSourceBaseContext
				|| context instanceof ClientRequestObservationContext) || withinATrace(tracer);
	}

	private static boolean withinATrace(ObjectProvider<Tracer> tracer) {
		Tracer current = tracer.getIfAvailable();
		return current != null && current.currentSpan() != null;
	}

	/*
	 * datasource-micrometer's own span handlers, ahead of Boot's generic one for client calls
	 * (SENDER_TRACING_OBSERVATION_HANDLER_ORDER), which otherwise comes first and makes the JDBC spans
	 * itself: its connection spans then name no remote service, and it hands each JDBC observation to
	 * the propagator, which has no header to write there. The library's handlers name the database on
	 * every span and propagate nothing. Boot makes its own only while no other handler of its type
	 * exists, and the library's are of that type: so the backend makes Boot's too, as Boot does.
	 */

	@Bean
	@Profile("backend")
	@Order(MicrometerTracingAutoConfiguration.SENDER_TRACING_OBSERVATION_HANDLER_ORDER)
	PropagatingSenderTracingObservationHandler<?> clientSpans(Tracer tracer, Propagator propagator) {
		return new PropagatingSenderTracingObservationHandler<>(tracer, propagator);
	}

	@Bean
	@Profile("backend")
	@Order(JDBC_HANDLER_ORDER)
	ConnectionTracingObservationHandler jdbcConnectionSpans(Tracer tracer) {
		return new ConnectionTracingObservationHandler(tracer);
	}

	@Bean
	@Profile("backend")
	@Order(JDBC_HANDLER_ORDER)
	QueryTracingObservationHandler jdbcQuerySpans(Tracer tracer) {
		return new QueryTracingObservationHandler(tracer);
	}

	@Bean
	@Profile("backend")
	@Order(JDBC_HANDLER_ORDER)
	ResultSetTracingObservationHandler jdbcResultSetSpans(Tracer tracer) {
		return new ResultSetTracingObservationHandler(tracer);
	}

	/**
	 * Reads the database and calls the third party once before the backend takes requests, so that the
	 * first request does not pay for loading what they use (seconds on a busy machine, past the
	 * frontend's read timeout). A failure is logged, not fatal: the third party may come up later.
	 */
	@Bean
	@Profile("backend")
	ApplicationRunner warmUp(BackendController backend) {
		return (arguments) -> {
			try {
				backend.warmUp();
			}
			catch (RuntimeException ex) {
				log.warn("Warm-up failed, the first request will retry: " + ex.getMessage());
			}
		};
	}

	/** The untraced exchange-rate API, unless {@code tracer.demo.third-party-url} names another. */
	@Bean
	@Profile("backend")
	@ConditionalOnExpression("'${tracer.demo.third-party-url:}'.isEmpty()")
	ThirdPartyServer thirdPartyServer() throws IOException {
		return ThirdPartyServer.start();
	}

	/**
	 * From Boot's builder too, so the call is a client span and carries a {@code traceparent} (which the
	 * third party ignores), and it names its callee in {@code server.address} and {@code peer.service}
	 * ({@link ThirdParty#PEER_SERVICE}). A test slice without
	 * Boot's client auto-configuration gets a plain client, which makes no span.
	 */
	@Bean
	@Profile("backend")
	ThirdParty thirdParty(ObjectProvider<RestClient.Builder> builders, DemoProperties properties,
			ObjectProvider<ThirdPartyServer> embedded) {
		URI baseUrl = (properties.thirdPartyUrl() != null) ? properties.thirdPartyUrl() : embedded.getObject().baseUrl();
		RestClient client = builders.getIfAvailable(RestClient::builder)
			.baseUrl(baseUrl.toString())
			.observationConvention(new ServerAddressConvention(ThirdParty.PEER_SERVICE))
			.build();
		return new ThirdParty(client, baseUrl);
	}

}
