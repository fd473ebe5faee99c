package com.cwfn.app;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.reifier.ProcessorReifier;
import org.apache.camel.spi.ProcessorFactory;

/**
 * Camel's processor factory, naming the step whose processor cannot be made: a route step naming a bean that does not
 * exist or an endpoint option that does not exist fails when its route is built, and Camel's own error names only the
 * route's first step and the innermost cause. This one says, in one line, the route id, the route file and the id
 * (and line) of the step that failed, as a {@link RouteProblem}.
 */
final class StepNamingProcessorFactory implements ProcessorFactory {
    private final ProcessorFactory camels;

    StepNamingProcessorFactory(ProcessorFactory camels) {
        this.camels = camels;
    }

    @Override
    public Processor createChildProcessor(Route route, NamedNode definition, boolean mandatory) throws Exception {
        return camels.createChildProcessor(route, definition, mandatory);
    }

    @Override
    public Processor createProcessor(Route route, NamedNode definition) throws Exception {
        try {
            Processor p = camels.createProcessor(route, definition);
            if (p == null && definition instanceof ProcessorDefinition<?> d) {
                p = ProcessorReifier.reifier(route, d).createProcessor();
            }
            return p;
        } catch (RouteProblem e) {
            throw e; // a step within this one, named already
        } catch (Exception e) {
            throw new RouteProblem(place(route, definition) + ": " + RouteProblem.innermost(e), e);
        }
    }

    @Override
    public Processor createProcessor(CamelContext context, String definitionName, Object[] args) throws Exception {
        return camels.createProcessor(context, definitionName, args);
    }

    /** route dispatch in routes/dispatch.camel.yaml, step read-ticket (line 30) */
    static String place(Route route, NamedNode step) {
        int line = step.getLineNumber();
        return "route " + route.getRouteId() + " in " + RouteProblem.file(route.getSourceResource() == null ? null
                : route.getSourceResource().getLocation()) + ", step " + step.getId()
                + (line > 0 ? " (line " + line + ")" : "");
    }
}
