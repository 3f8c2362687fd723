@NullMarked
package org.convene.web.api;

import org.jspecify.annotations.NullMarked;
