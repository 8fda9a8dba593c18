package dev.tracer.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientException;

import dev.tracer.problem.UpstreamProblem;

/**
 * The backend's {@code GET /api/data}: the products in stock from its database, priced in dollars with
 * the rate a third party gives, as a production service's hop looks: a server span with the client
 * spans of its database (made by datasource-micrometer) and of its HTTP call (made by Boot's client
 * observation) below it, and one span of local work. A third party that fails is a 502 or 504 naming it.
 *
 * <pre>
 * backend: GET /api/data (server)
 *   +-- connection (client, remote "inventory")
 *   +-- query (client, remote "inventory")        select ... from product
 *   +-- result-set (client, remote "inventory")   jdbc.row-count 3
 *   +-- http get (client)      GET http://127.0.0.1:PORT/v1/rates, server.address 127.0.0.1
 *   +-- prepare-data           prices converted
 * </pre>
 */
@RestController
@Profile("backend")
class BackendController {

	private static final Log log = LogFactory.getLog(BackendController.class);

	private static final String IN_STOCK = "select sku, name, price_eur, stock from product where stock > 0 order by sku";

	private static final String CURRENCY = "USD";

	private final String service;

	private final Tracer tracer;

	private final JdbcClient inventory;

	private final ThirdParty thirdParty;

	BackendController(@Value("${spring.application.name}") String service, Tracer tracer, DataSource inventory,
			ThirdParty thirdParty) {
		this.service = service;
		this.tracer = tracer;
		this.inventory = JdbcClient.create(inventory);
		this.thirdParty = thirdParty;
	}

	@GetMapping("/api/data")
	HopView data() {
		Catalogue catalogue = prepare(inStock(), rate());
		// after the child spans ended: the current span is this hop's again
		return HopView.of(service, tracer, null, catalogue);
	}

	/**
	 * Reads the database and calls the third party once, outside any request: the warm-up at start,
	 * which makes no span of its own.
	 */
	void warmUp() {
		Catalogue.of(inStock(), CURRENCY, rate());
	}

	private List<Product> inStock() {
		return inventory.sql(IN_STOCK).query(Product.class).list();
	}

	private Catalogue prepare(List<Product> products, BigDecimal rate) {
		// a child span inside the hop, to show in-process nesting under the server span
		Span work = tracer.nextSpan().name("prepare-data").start();
		try (Tracer.SpanInScope scope = tracer.withSpan(work)) {
			log.info("Preparing data");
			return Catalogue.of(products, CURRENCY, rate);
		}
		catch (RuntimeException ex) {
			work.error(ex);
			throw ex;
		}
		finally {
			work.end();
		}
	}

	private BigDecimal rate() {
		Rates rates;
		try {
			rates = thirdParty.client().get().uri(ThirdPartyServer.RATES_PATH).retrieve().body(Rates.class);
		}
		catch (RestClientException ex) {
			throw UpstreamProblem.of(thirdParty.describe(ThirdPartyServer.RATES_PATH), ex);
		}
		BigDecimal rate = (rates != null && rates.rates() != null) ? rates.rates().get(CURRENCY) : null;
		if (rate == null || rate.signum() <= 0) {
			throw UpstreamProblem.unreadable(thirdParty.describe(ThirdPartyServer.RATES_PATH), new IllegalStateException("no " + CURRENCY + " rate"));
		}
		return rate;
	}

	/** A row of the {@code product} table. */
	record Product(String sku, String name, BigDecimal priceEur, int stock) {
	}

	/** What the exchange-rate API answers: how much of each currency one unit of {@code base} buys. */
	record Rates(String base, Map<String, BigDecimal> rates) {
	}

	/** A product as the backend offers it. */
	record Offer(String sku, String name, int stock, BigDecimal price) {
	}

	/** The backend's answer beside its hop: what it made of its database and the third party's rate. */
	record Catalogue(String currency, BigDecimal rate, List<Offer> offers) {

		static Catalogue of(List<Product> products, String currency, BigDecimal rate) {
			List<Offer> offers = products.stream()
				.map((product) -> new Offer(product.sku(), product.name(), product.stock(),
						product.priceEur().multiply(rate).setScale(2, RoundingMode.HALF_EVEN)))
				.toList();
			return new Catalogue(currency, rate, offers);
		}

	}

}
