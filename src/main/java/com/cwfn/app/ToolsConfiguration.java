package com.cwfn.app;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ProcessorFactory;
import org.apache.camel.support.PluginHelper;

/**
 * What an integration engineer's own tools see of the connector (docs/operations.md, "Camel's own tools"): a route
 * step that cannot be built is named with its route and file.
 */
public class ToolsConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        context.getCamelContextExtension().addContextPlugin(ProcessorFactory.class,
                new StepNamingProcessorFactory(PluginHelper.getProcessorFactory(context)));
    }
}
