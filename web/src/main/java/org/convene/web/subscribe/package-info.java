@NullMarked
package org.convene.web.subscribe;

import org.jspecify.annotations.NullMarked;
