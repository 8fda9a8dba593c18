package dev.tracer.api;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The propagation map's layered layout: callers left of callees, no two services in one place. */
class MapLayoutTest {

	@Test
	void chain_callersLeftOfCallees_edgesFromCallerToCallee() {
		// frontend 0 -> backend 1 -> h2 2, frontend 0 -> h2 2
		MapLayout.Result layout = MapLayout.of(3, new int[][] { { 0, 1 }, { 1, 2 }, { 0, 2 } });

		assertThat(layout.nodes().get(0).x()).isLessThan(layout.nodes().get(1).x());
		assertThat(layout.nodes().get(1).x()).isLessThan(layout.nodes().get(2).x());
		List<MapLayout.Point> longEdge = layout.edges().get(2);
		// over two layers: through one bend point between them
		assertThat(longEdge).hasSize(3);
		assertThat(longEdge.get(0)).isEqualTo(layout.nodes().get(0));
		assertThat(longEdge.get(2)).isEqualTo(layout.nodes().get(2));
		assertThat(longEdge.get(1).x()).isEqualTo(layout.nodes().get(1).x());
		assertThat(longEdge.get(1).y()).isNotEqualTo(layout.nodes().get(1).y());
	}

	@Test
	void cycle_andSelfCall_laidOutWithEachEdgeStillFromItsCaller() {
		MapLayout.Result layout = MapLayout.of(2, new int[][] { { 0, 1 }, { 1, 0 }, { 1, 1 } });

		assertThat(layout.nodes().get(0).x()).isNotEqualTo(layout.nodes().get(1).x());
		assertThat(layout.edges().get(1).get(0)).isEqualTo(layout.nodes().get(1));
		assertThat(layout.edges().get(1).get(1)).isEqualTo(layout.nodes().get(0));
		assertThat(layout.edges().get(2)).containsExactly(layout.nodes().get(1), layout.nodes().get(1));
	}

	@Test
	void fiftyServicesTwoHundredEdges_noTwoServicesOverlap_allInsideTheDrawing() {
		Random random = new Random(23);
		int services = 50;
		int[][] edges = new int[200][];
		Set<Long> seen = new HashSet<>();
		for (int e = 0; e < edges.length;) {
			// mostly towards later services, as calls go deeper, with a few calls back
			int from = random.nextInt(services);
			int to = random.nextInt(services);
			if (from != to && (from < to || random.nextInt(10) == 0) && seen.add(from * 1000L + to)) {
				edges[e++] = new int[] { from, to };
			}
		}

		MapLayout.Result layout = MapLayout.of(services, edges);

		List<MapLayout.Point> nodes = layout.nodes();
		for (int a = 0; a < services; a++) {
			MapLayout.Point p = nodes.get(a);
			assertThat(p.x()).isBetween(MapLayout.MARGIN, layout.width() - MapLayout.MARGIN);
			assertThat(p.y()).isBetween(MapLayout.ROW_GAP / 2, layout.height() - MapLayout.ROW_GAP / 2);
			for (int b = a + 1; b < services; b++) {
				MapLayout.Point q = nodes.get(b);
				boolean apart = Math.abs(p.x() - q.x()) >= MapLayout.COLUMN_GAP || Math.abs(p.y() - q.y()) >= MapLayout.ROW_GAP;
				assertThat(apart).as("services %d %s and %d %s", a, p, b, q).isTrue();
			}
		}
		for (int e = 0; e < edges.length; e++) {
			List<MapLayout.Point> line = layout.edges().get(e);
			assertThat(line.get(0)).isEqualTo(nodes.get(edges[e][0]));
			assertThat(line.get(line.size() - 1)).isEqualTo(nodes.get(edges[e][1]));
		}
	}

}
