@NullMarked
package org.convene.gateway.web;

import org.jspecify.annotations.NullMarked;
