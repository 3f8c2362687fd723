@NullMarked
package org.convene.events.config;

import org.jspecify.annotations.NullMarked;
