@NullMarked
package org.convene.gateway.openapi;

import org.jspecify.annotations.NullMarked;
